/**
 * Slides from a PDF: the facilitator picks a PDF in the console, the browser turns each page into a
 * PNG and uploads it as a slide; the big screen shows the first page. A broken PDF and one with too
 * many pages are refused with a message, and upload nothing.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SLIDES } from "../../shared/protocol/consultation-messages.ts";
import { launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

/**
 * A valid PDF by hand: one page per content stream, each `width` x `height` points. Content streams
 * draw with PDF operators (`r g b rg` sets the fill colour, `x y w h re f` fills a rectangle; the
 * origin is the bottom left).
 */
function handMadePdf(pages: readonly { width: number; height: number; content: string }[]): Buffer {
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 3 + 2 * i);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages.length} >>`;
  pages.forEach((page, i) => {
    const id = pageIds[i] as number;
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${page.width} ${page.height}] /Contents ${id + 1} 0 R >>`;
    objects[id + 1] = `<< /Length ${page.content.length} >>\nstream\n${page.content}\nendstream`;
  });
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = pdf.length;
    pdf += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) pdf += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

/** Page 1 (landscape): a red panel with a blue square; page 2 (portrait): a green bar. */
const TWO_PAGES = handMadePdf([
  { width: 400, height: 300, content: "1 0 0 rg 50 50 300 200 re f 0 0 1 rg 100 100 50 50 re f" },
  { width: 300, height: 400, content: "0 0.6 0 rg 40 40 220 120 re f" },
]);

let server: TestServer;
let lead: TestBrowser;
let consultation: { id: string; joinCode: string; facilitatorKey: string };

interface SlidesView {
  slides: { urls: string[]; current: number };
  screen: { mode: string; slideUrl: string };
}

const view = (page: Page) => hook<SlidesView>(page, "h.consultation()");

/** The colour at each (x, y) pixel of the image at `url`, as the browser decodes it, and its size. */
function pixelsOf(
  page: Page,
  url: string,
  points: [number, number][],
): Promise<{ width: number; height: number; colours: number[][] }> {
  return page.evaluate(
    async ({ url, points }) => {
      const image = new Image();
      image.src = url;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext("2d");
      if (!context) throw new Error("no 2d context");
      context.drawImage(image, 0, 0);
      return {
        width: image.naturalWidth,
        height: image.naturalHeight,
        colours: points.map(([x, y]) => [...context.getImageData(x, y, 1, 1).data].slice(0, 3)),
      };
    },
    { url, points },
  );
}

beforeAll(async () => {
  server = await startTestServer();
  lead = await launchBrowser({ width: 1280, height: 900 });
  const { body } = await server.post<typeof consultation>("/api/consultations", {
    title: "Riverside park",
    language: "en",
  });
  consultation = body;
});

afterAll(async () => {
  await lead?.close();
  await server?.stop();
});

describe("slides from a PDF", () => {
  it("refuses a broken PDF and one with too many pages, uploading nothing", {
    timeout: 120_000,
  }, async () => {
    const page = lead.page;
    await page.goto(`${server.url}/f/${consultation.facilitatorKey}?test=1`);
    await page.getByTestId("display-name").fill("Alice");
    await page.getByTestId("accept-conduct").check();
    await page.getByTestId("enter-hall").click();
    await waitUntil(page, "the hall to be ready", "h.ready", 90_000);
    await page.getByTestId("console-toggle").click();
    const input = page.getByTestId("slide-upload");

    await input.setInputFiles({
      name: "broken.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\nthis is not a PDF after all\n"),
    });
    await page.getByTestId("slide-error").waitFor();
    expect(await page.getByTestId("slide-error").textContent()).toContain(
      "“broken.pdf” could not be read as a PDF",
    );

    const tooMany = handMadePdf(
      Array.from({ length: MAX_SLIDES + 1 }, () => ({
        width: 200,
        height: 150,
        content: "0 0 0 rg 0 0 10 10 re f",
      })),
    );
    await input.setInputFiles({ name: "long.pdf", mimeType: "application/pdf", buffer: tooMany });
    await expect
      .poll(() => page.getByTestId("slide-error").textContent(), { timeout: 20_000 })
      .toContain(`“long.pdf” has ${MAX_SLIDES + 1} pages, but only ${MAX_SLIDES} more slides fit`);
    expect((await view(page)).slides.urls).toEqual([]);
    expect(lead.errors).toEqual([]);
  });

  it("turns each page of a PDF into a slide and shows the first on the big screen", {
    timeout: 120_000,
  }, async () => {
    const page = lead.page;
    await page
      .getByTestId("slide-upload")
      .setInputFiles({ name: "park.pdf", mimeType: "application/pdf", buffer: TWO_PAGES });
    await waitUntil(page, "two slides in the room", "h.consultation().slides.urls.length === 2", 30_000);
    expect(await page.getByTestId("slide-error").count()).toBe(0);
    // Progress goes away once every page is uploaded, and the input is usable again.
    await expect.poll(() => page.getByTestId("slide-progress").count()).toBe(0);
    expect(await page.getByTestId("slide-upload").isEnabled()).toBe(true);

    const { slides } = await view(page);
    const [first, second] = slides.urls as [string, string];
    // Page 1, 400 x 300 points, rendered 1600 px wide: red around a blue square on white.
    const one = await pixelsOf(page, first, [
      [10, 10],
      [800, 300],
      [500, 700],
    ]);
    expect([one.width, one.height]).toEqual([1600, 1200]);
    expect(one.colours).toEqual([
      [255, 255, 255],
      [255, 0, 0],
      [0, 0, 255],
    ]);
    // Page 2 is portrait, with its green bar near the bottom.
    const two = await pixelsOf(page, second, [[800, 1800]]);
    expect([two.width, two.height]).toEqual([1600, 2133]);
    expect(two.colours[0]?.[1]).toBeGreaterThan(140);
    expect(two.colours[0]?.[0]).toBeLessThan(20);

    await page.getByTestId("slide-next").click();
    await waitUntil(
      page,
      "the big screen to draw the first page",
      `h.consultation().screen.mode === "slide" && h.consultation().screen.slideUrl === ${JSON.stringify(first)}`,
      30_000,
    );
    // Let the texture reach the screen before the picture.
    await page.waitForTimeout(1500);
    const file = await saveScreenshot(page, "pdf-slides");
    console.log(`screenshot: ${file}`);
    expect(lead.errors).toEqual([]);
  });
});
