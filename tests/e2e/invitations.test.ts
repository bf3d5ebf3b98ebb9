/**
 * Invitations end to end, in real Chromium: a facilitator makes labelled invitations in the console,
 * downloads the CSV and the printable sheet, and every QR code on the sheet decodes (with jsQR, in the
 * browser) to its invitation's link; a citizen on a phone opens one of those links, enters the hall as
 * the invited person, sees who may take part, and the console shows the invitation as entered.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateConsultationResponse } from "../../shared/protocol/http-api.ts";
import { seriousAxeViolations } from "../support/accessibility.ts";
import { launchBrowser, PHONE, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const JSQR = path.resolve(import.meta.dirname, "../../node_modules/jsqr/dist/jsQR.js");

let server: TestServer;
let lead: TestBrowser;
let citizen: TestBrowser;

beforeAll(async () => {
  server = await startTestServer();
  [lead, citizen] = await Promise.all([
    launchBrowser({ width: 1280, height: 900 }),
    launchBrowser({ width: 390, height: 844 }, [], PHONE),
  ]);
});

afterAll(async () => {
  await Promise.all([lead?.close(), citizen?.close()]);
  await server?.stop();
});

/** The text of the file a click downloads. */
async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const where = await file.path();
  return readFileSync(where, "utf8");
}

/** What each QR code on the sheet says, read from its pixels the way a phone's camera app would. */
async function decodeSheet(page: Page, sheet: string): Promise<string[]> {
  await page.setContent(sheet);
  await page.addScriptTag({ path: JSQR });
  return page.evaluate(async () => {
    const decode = (
      window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }
    ).jsQR;
    const images = [...document.querySelectorAll("img")];
    await Promise.all(images.map((image) => image.decode()));
    return images.map((image) => {
      const canvas = document.createElement("canvas");
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext("2d");
      if (!context) return "no canvas";
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
      return decode(pixels.data, pixels.width, pixels.height)?.data ?? "unreadable";
    });
  });
}

describe("invitations", () => {
  // Two people enter the 3D hall, one of them on a phone, like the other two-browser journeys.
  it("are made in the console, printed with QR codes that open them, and let a citizen in on a phone", {
    timeout: 120_000,
  }, async () => {
    const created = await server.post<CreateConsultationResponse>("/api/consultations", {
      title: "Citizens' panel on the quay",
      language: "en",
      access: "invitation",
    });
    expect(created.status).toBe(201);
    const { id, facilitatorKey } = created.body;
    await lead.page.goto(`${server.url}/f/${facilitatorKey}?test=1`);
    await lead.page.getByTestId("display-name").fill("Fatima");
    await lead.page.getByTestId("accept-conduct").check();
    await lead.page.getByTestId("enter-hall").click();
    await waitUntil(lead.page, "Fatima's hall", "h.connected && h.participants().length > 0", 45_000);
    const consolePage = await lead.context.newPage();
    await consolePage.goto(`${server.url}/c/${id}/console?test=1`);
    await waitUntil(consolePage, "the console to connect", "h.connected");

    await expect.poll(() => consolePage.getByTestId("console-access-invitation").isChecked()).toBe(true);
    await consolePage.getByTestId("invite-labels").fill("Seat 1 (Noord)\nSeat 2 (Zuid)\n\nSeat 3");
    await consolePage.getByTestId("invite-by-labels").click();
    await consolePage.getByTestId("invite-created").waitFor({ timeout: 10_000 });
    await expect.poll(() => consolePage.getByTestId("invite-row").count()).toBe(3);
    expect(await seriousAxeViolations(consolePage)).toEqual([]);

    const csv = parse(await download(consolePage, "invite-csv"), { columns: true }) as Record<
      string,
      string
    >[];
    expect(csv.map((row) => row.label)).toEqual(["Seat 1 (Noord)", "Seat 2 (Zuid)", "Seat 3"]);
    for (const row of csv) expect(row.link).toBe(`${server.url}/i/${row.code}`);
    const sheet = await download(consolePage, "invite-sheet");
    const sheetPage = await lead.context.newPage();
    expect(await decodeSheet(sheetPage, sheet)).toEqual(csv.map((row) => row.link));
    for (const row of csv) expect(sheet).toContain(row.code);
    await saveScreenshot(sheetPage, "invitation-sheet");

    const invited = csv[1];
    if (!invited?.link) throw new Error("no invitation");
    await citizen.page.goto(`${invited.link}?test=1`);
    await citizen.page.getByTestId("display-name").fill("Zuid");
    expect(await seriousAxeViolations(citizen.page)).toEqual([]);
    await citizen.page.getByTestId("accept-conduct").check();
    await citizen.page.getByTestId("enter-hall").click();
    await waitUntil(citizen.page, "the citizen's hall", "h.connected && h.participants().length > 1", 45_000);
    await expect.poll(() => citizen.page.getByTestId("hall-access").textContent()).toContain("By invitation");
    await saveScreenshot(citizen.page, "invitation-phone-hall");
    await expect
      .poll(() =>
        consolePage
          .getByTestId("invite-row")
          .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-state"))),
      )
      .toEqual(["unused", "entered", "unused"]);
    expect(citizen.errors).toEqual([]);
  });

  it("tells someone with the join code of an invitation consultation what to do next", async () => {
    const created = await server.post<CreateConsultationResponse>("/api/consultations", {
      title: "Invited only",
      language: "en",
      access: "invitation",
    });
    await citizen.page.goto(`${server.url}/j/${created.body.joinCode}?test=1`);
    const refusal = citizen.page.getByTestId("join-error");
    await expect.poll(() => refusal.textContent()).toContain("by invitation only");
    await citizen.page.getByTestId("invitation-code-input").fill("kx7m 3pac");
    await citizen.page.getByTestId("invitation-code-submit").click();
    await expect.poll(() => citizen.page.getByRole("alert").last().textContent()).toContain("16 letters");
    expect(await seriousAxeViolations(citizen.page)).toEqual([]);
  });
});
