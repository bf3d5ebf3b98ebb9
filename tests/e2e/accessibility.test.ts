/**
 * The 2D interface for everyone: home, join, the hall overlay over the 3D canvas, the console and the
 * report each pass axe-core's WCAG 2.2 AA rules without a serious or critical violation, can be walked
 * with Tab through every control in document order with a visible focus, and the hall's keyboard
 * shortcuts are listed and work. With reduced motion asked for, nothing in the 2D interface animates.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousAxeViolations, walkWithTab } from "../support/accessibility.ts";
import { launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let browser: TestBrowser;
let consultation: { id: string; joinCode: string; facilitatorKey: string };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser({ width: 1280, height: 900 }, [
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
  ]);
  const { body } = await server.post<typeof consultation>("/api/consultations", {
    title: "Riverside park",
    language: "en",
    agenda: [
      {
        title: "Opening",
        plannedMinutes: 5,
        poll: { question: "Which first?", kind: "single", options: ["Trees", "Benches"] },
      },
    ],
  });
  consultation = body;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** axe finds nothing serious, and Tab reaches every control in document order with the focus drawn. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  if (violations.length > 0) console.log(`${name}:\n  ${violations.join("\n  ")}`);
  expect(violations, name).toEqual([]);

  const { stops, controls } = await walkWithTab(page);
  const described = stops.map((stop) => `${stop.index}:${stop.name}`);
  expect(controls, `${name} has controls`).toBeGreaterThan(0);
  expect(stops.length, `${name}: ${controls} controls, reached ${described.join(", ")}`).toBe(controls);
  const order = stops.map((stop) => stop.index);
  expect(order, `${name}: Tab follows the page's order`).toEqual([...order].sort((a, b) => a - b));
  const unseen = stops.filter((stop) => !stop.visible).map((stop) => stop.name);
  expect(unseen, `${name}: focus drawn on every control`).toEqual([]);
}

describe("the 2D interface with a keyboard and a screen reader", () => {
  it("home page", async () => {
    await browser.page.goto(`${server.url}/?test=1`);
    await browser.page.getByTestId("create-title").waitFor();
    await expectAccessible(browser.page, "home");
  });

  it("join page", async () => {
    await browser.page.goto(`${server.url}/f/${consultation.facilitatorKey}?test=1`);
    await browser.page.getByTestId("display-name").waitFor();
    await expectAccessible(browser.page, "join");
  });

  it("hall overlay over the 3D canvas, with its shortcuts listed and working", {
    timeout: 120_000,
  }, async () => {
    const page = browser.page;
    await page.getByTestId("display-name").fill("Fatima");
    await page.getByTestId("accept-conduct").check();
    await page.getByTestId("enter-hall").click();
    await waitUntil(page, "the hall", "h.ready", 90_000);
    expect(await page.locator("canvas").count()).toBe(1);
    await saveScreenshot(page, "accessibility-hall");
    await expectAccessible(page, "hall");

    await page.locator("body").press("?");
    const help = page.getByTestId("shortcut-help");
    await help.waitFor();
    const listed = (await help.textContent()) ?? "";
    for (const key of ["M", "H", "W", "Q", "?"]) expect(listed).toContain(key);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "detached" });

    await page.locator("body").press("h");
    await waitUntil(
      page,
      "the hand to go up",
      "h.participants().some(p => p.id === h.participantId && p.handRaised)",
    );
    expect(await page.getByTestId("raise-hand").getAttribute("aria-pressed")).toBe("true");
    await page.locator("body").press("h");
    await waitUntil(
      page,
      "the hand to go down",
      "h.participants().some(p => p.id === h.participantId && !p.handRaised)",
    );
  });

  it("console page", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/c/${consultation.id}/console?test=1`);
    await waitUntil(page, "the console", "h.connected", 30_000);
    await page.getByTestId("console-close-consultation").waitFor();
    await expectAccessible(page, "console");
    await page.getByTestId("console-close-consultation").click();
    await page.getByTestId("close-consultation-confirm").click();
    await waitUntil(page, "the consultation to close", `h.consultation().phase === "closed"`);
    await page.close();
  });

  it("report page", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/c/${consultation.id}/report?test=1`);
    await page.getByTestId("report").waitFor();
    await expectAccessible(page, "report");
    await page.close();
  });

  it("stops every animation and transition when reduced motion is asked for", async () => {
    const page = await browser.context.newPage();
    const durations = async () =>
      page.evaluate(() => {
        const probe = document.createElement("span");
        probe.className = "spinner";
        document.body.append(probe);
        const seconds = (value: string) =>
          Math.max(...value.split(",").map((part) => Number.parseFloat(part)));
        const all = [...document.querySelectorAll<HTMLElement>("body *")].map((element) => {
          const style = getComputedStyle(element);
          return Math.max(seconds(style.animationDuration), seconds(style.transitionDuration));
        });
        const spinner = seconds(getComputedStyle(probe).animationDuration);
        probe.remove();
        return { spinner, longest: Math.max(...all) };
      });
    await page.goto(`${server.url}/?test=1`);
    await page.getByTestId("create-title").waitFor();
    expect((await durations()).spinner).toBeGreaterThan(0.1);
    await page.emulateMedia({ reducedMotion: "reduce" });
    const reduced = await durations();
    expect(reduced.longest).toBeLessThanOrEqual(0.001);
    await page.close();
  });
});
