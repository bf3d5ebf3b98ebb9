/**
 * A facilitator runs the speaking queue from the console page on a second screen while their hall tab
 * stays in the hall; a citizen in another browser raises a hand through the UI, is given the floor
 * with a time limit, sees the countdown, and loses the floor when the facilitator takes it back. The
 * door refuses to let anyone in without accepting the code of conduct.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

interface FacilitationView {
  view: string;
  queue: string[];
  floor: { holderId: string; endsAt: number; graceMs: number };
  now: number;
  reports: { aboutId: string; reason: string }[];
  self: { handRaised: boolean; hasFloor: boolean } | null;
}

let server: TestServer;
let lead: TestBrowser;
let citizen: TestBrowser;
let consolePage: Page;
const consoleErrors: string[] = [];
let consultation: { id: string; joinCode: string; facilitatorKey: string };
let citizenId = "";
let leadId = "";

async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).textContent({ timeout: 10_000 })) ?? "";
}

beforeAll(async () => {
  server = await startTestServer();
  [lead, citizen] = await Promise.all([launchBrowser({ width: 1280, height: 900 }), launchBrowser()]);
  const { body } = await server.post<{ id: string; joinCode: string; facilitatorKey: string }>(
    "/api/consultations",
    { title: "Riverside park", language: "en" },
  );
  consultation = body;
});

afterAll(async () => {
  await Promise.all([lead?.close(), citizen?.close()]);
  await server?.stop();
});

describe("the facilitator console on a second screen", () => {
  it("refuses to enter the hall until the code of conduct is accepted", async () => {
    const page = citizen.page;
    await page.goto(`${server.url}/j/${consultation.joinCode}?test=1`);
    expect(await textOf(page, "code-of-conduct")).toMatch(/Be respectful/);
    await page.getByTestId("display-name").fill("Cora");
    await page.getByTestId("enter-hall").click();
    expect(await textOf(page, "conduct-problem")).toMatch(/accept the code of conduct/i);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Still at the door: the form is there, and no hall was joined.
    expect(await page.getByTestId("display-name").isVisible()).toBe(true);
    expect(await hook<boolean>(page, "h.connected")).toBeFalsy();

    await page.getByTestId("accept-conduct").check();
    expect(await page.getByTestId("conduct-problem").count()).toBe(0);
    await page.getByTestId("enter-hall").click();
    await waitUntil(page, "Cora's hall", "h.connected && h.participants().length > 0", 45_000);
    citizenId = (await hook<string>(page, "h.participantId")) ?? "";
    expect(citizenId).not.toBe("");
  });

  it("opens the console next to the facilitator's hall tab without closing it", async () => {
    await lead.page.goto(`${server.url}/f/${consultation.facilitatorKey}?test=1`);
    await lead.page.getByTestId("display-name").fill("Fatima");
    await lead.page.getByTestId("accept-conduct").check();
    await lead.page.getByTestId("enter-hall").click();
    await waitUntil(lead.page, "Fatima's hall", "h.connected && h.participants().length > 0", 45_000);
    leadId = (await hook<string>(lead.page, "h.participantId")) ?? "";

    consolePage = await lead.context.newPage();
    consolePage.on("pageerror", (error) => consoleErrors.push(`pageerror: ${error.message}`));
    consolePage.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`console: ${message.text()}`);
    });
    await consolePage.goto(`${server.url}/c/${consultation.id}/console?test=1`);
    await waitUntil(consolePage, "the console to connect", "h.connected");
    await consolePage.getByTestId("facilitator-console").waitFor();
    // The server tells the facilitator the citizens' code.
    expect(await textOf(consolePage, "console-join-code")).toContain(consultation.joinCode);
    await expect
      .poll(async () => consolePage.getByTestId("console-participant").count(), { timeout: 10_000 })
      .toBe(2);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await hook<boolean>(lead.page, "h.connected"), "the hall tab stays in the hall").toBe(true);
    expect(await lead.page.getByTestId("connection-notice").count()).toBe(0);
    const seenByCitizen = (await hook<{ id: string }[]>(citizen.page, "h.participants()")) ?? [];
    expect(seenByCitizen.map((p) => p.id).sort(), "the console adds no avatar").toEqual(
      [citizenId, leadId].sort(),
    );
  });

  it("runs the queue: hand up, floor with a time limit and countdown, floor taken back", async () => {
    // The citizen raises a hand with the keyboard shortcut and sees their place.
    await citizen.page.keyboard.press("h");
    await waitUntil(citizen.page, "Cora's hand in the queue", "h.facilitation().self?.handRaised");
    expect(await textOf(citizen.page, "queue-place")).toContain("number 1");

    // The console shows the hand, first in line.
    const queued = consolePage.getByTestId("console-queue").locator(`li[data-participant-id="${citizenId}"]`);
    await queued.waitFor({ timeout: 10_000 });
    expect(await queued.textContent()).toContain("Cora");

    await consolePage.getByTestId("console-limit").fill("45");
    await consolePage.getByTestId("console-give-next").click();

    await waitUntil(citizen.page, "Cora to have the floor", "h.facilitation().self?.hasFloor");
    const view = (await hook<FacilitationView>(citizen.page, "h.facilitation()")) as FacilitationView;
    expect(view.floor.holderId).toBe(citizenId);
    const left = view.floor.endsAt - view.now;
    expect(left).toBeGreaterThan(35_000);
    expect(left).toBeLessThanOrEqual(45_000);
    expect(view.queue).toEqual([]);
    expect(await textOf(citizen.page, "floor-status")).toContain("You have the floor");
    expect(await textOf(citizen.page, "floor-countdown")).toMatch(/^0:(4\d|3\d) left$/);
    expect(await textOf(citizen.page, "speaker-notices")).toContain("You have the floor");
    // The countdown runs.
    const first = await textOf(citizen.page, "floor-countdown");
    await expect.poll(() => textOf(citizen.page, "floor-countdown"), { timeout: 5_000 }).not.toBe(first);

    // The facilitator's hall shows the speaker to everyone, with the countdown.
    // The lead's hall is the page behind the console, so it may update a moment later.
    await expect
      .poll(() => textOf(lead.page, "floor-status"), { timeout: 10_000 })
      .toContain("Cora has the floor");
    await expect
      .poll(() => textOf(consolePage, "console-speaker"), { timeout: 10_000 })
      .toMatch(/Cora has the floor · 0:\d\d left/);
    // Both pages share one window: the one in front draws (and can be photographed).
    await consolePage.bringToFront();
    await saveScreenshot(consolePage, "facilitator-console");
    await saveScreenshot(citizen.page, "citizen-has-the-floor");

    await consolePage.getByTestId("console-take-floor").click();
    await waitUntil(citizen.page, "Cora to lose the floor", "h.facilitation().self?.hasFloor === false");
    await expect
      .poll(() => textOf(citizen.page, "floor-status"), { timeout: 10_000 })
      .toContain("Nobody has the floor");
    expect(await citizen.page.getByTestId("floor-countdown").count()).toBe(0);
    await expect
      .poll(() => textOf(citizen.page, "speaker-notices"))
      .toContain("Your turn to speak has ended");
    // The console clicked, but hears back through its own connection, maybe after Cora's page.
    await expect
      .poll(() => textOf(consolePage, "console-speaker"), { timeout: 10_000 })
      .toContain("Nobody has the floor");
  });

  it("delivers a citizen's report to the console at once", async () => {
    const row = citizen.page.locator(`[data-testid="participant-list"] li[data-participant-id="${leadId}"]`);
    await row.getByTestId("report-participant").click();
    await citizen.page.getByTestId("report-dialog-confirm").click();
    // An empty reason is refused in the dialog.
    expect(await citizen.page.getByTestId("report-dialog").isVisible()).toBe(true);
    await citizen.page.getByTestId("report-dialog-reason").fill("Talks over everyone");
    await citizen.page.getByTestId("report-dialog-confirm").click();
    await expect
      .poll(() => textOf(consolePage, "console-reports"), { timeout: 10_000 })
      .toContain("Talks over everyone");
    await consolePage.getByTestId("console-audit-load").click();
    await expect
      .poll(() => textOf(consolePage, "console-audit"), { timeout: 10_000 })
      .toMatch(
        /Fatima gave the floor to Cora[\s\S]*Fatima took the floor back from Cora[\s\S]*Cora reported Fatima/,
      );
  });

  it("shows the console as a side panel in the facilitator's hall", async () => {
    await lead.page.bringToFront();
    await lead.page.getByTestId("console-toggle").click();
    await lead.page.getByTestId("facilitator-console").waitFor();
    // The hall tab gets the report on its own connection, in the background: the console page having
    // it says nothing about this one.
    await expect
      .poll(() => textOf(lead.page, "console-reports"), { timeout: 10_000 })
      .toContain("Talks over everyone");
    await saveScreenshot(lead.page, "hall-console-dock");
    await lead.page.getByTestId("console-toggle").click();
  });

  it("logged no page errors", () => {
    expect(lead.errors).toEqual([]);
    expect(citizen.errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
