/**
 * A consultation run through the real UI in three browsers: the facilitator creates and opens a poll
 * from the console side panel in the hall; a citizen votes and posts an idea from the overlay; a second
 * citizen sees the results as bars on the big screen and the idea as a note on the ideas wall; the
 * facilitator closes the consultation and the report page shows the poll's result.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canvasColourCount, launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { createOpenPoll } from "../support/console-poll.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

interface ConsultationView {
  phase: string;
  activePollId: string;
  polls: { id: string; question: string; status: string; ballots: number; counts: number[] }[];
  ideas: { id: string; text: string; votes: number }[];
  myBallots: Record<string, number[]>;
  screen: { mode: string; question: string; bars: { label: string; value: number; length: number }[] };
  wall: { id: string; text: string; votes: number }[];
}

const QUESTION = "What should the park get first?";
const IDEA = "Shade trees along the river path";

let server: TestServer;
let lead: TestBrowser;
let bram: TestBrowser;
let cora: TestBrowser;
let consultation: { id: string; joinCode: string; facilitatorKey: string };

const view = (page: Page) => hook<ConsultationView>(page, "h.consultation()");

async function enter(page: Page, path: string, name: string): Promise<void> {
  await page.goto(`${server.url}${path}?test=1`);
  await page.getByTestId("display-name").fill(name);
  await page.getByTestId("accept-conduct").check();
  await page.getByTestId("enter-hall").click();
  await waitUntil(page, `${name}'s hall to be ready`, "h.ready", 90_000);
}

beforeAll(async () => {
  server = await startTestServer();
  [lead, bram, cora] = await Promise.all([
    launchBrowser({ width: 1280, height: 900 }),
    launchBrowser(),
    launchBrowser(),
  ]);
  const { body } = await server.post<typeof consultation>("/api/consultations", {
    title: "Riverside park",
    language: "en",
  });
  consultation = body;
});

afterAll(async () => {
  await Promise.all([lead?.close(), bram?.close(), cora?.close()]);
  await server?.stop();
});

describe("running a consultation from the console and the overlay", () => {
  // Three browsers draw the hall with SwiftShader: entering and the first frames take long on a loaded machine.
  it("lets the facilitator create and open a poll from the console in the hall", {
    timeout: 120_000,
  }, async () => {
    await enter(lead.page, `/f/${consultation.facilitatorKey}`, "Alice");
    const page = lead.page;
    await page.getByTestId("console-toggle").click();
    await createOpenPoll(page, QUESTION, "single", "Playground\nTrees\nBenches");
    await waitUntil(
      page,
      "the poll to be open and on screen",
      `(() => { const c = h.consultation(); return c.polls.some(p => p.id === c.activePollId && p.status === "open"); })()`,
    );
    const state = await view(page);
    expect(state.polls).toHaveLength(1);
    expect(state.polls[0]?.question).toBe(QUESTION);
  });

  it("shows the report page's not-ready message while the consultation is open", async () => {
    const page = await lead.context.newPage();
    await page.goto(`${server.url}/c/${consultation.id}/report?test=1`);
    const message = page.getByTestId("report-not-ready");
    await message.waitFor({ timeout: 15_000 });
    expect(await message.textContent()).toMatch(/once the facilitator closes/);
    await page.close();
  });

  it("lets a citizen vote and post an idea through the overlay", { timeout: 120_000 }, async () => {
    await enter(bram.page, `/j/${consultation.joinCode}`, "Bram");
    const page = bram.page;
    const card = page.getByTestId("poll-card");
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain(QUESTION);
    // Nothing is claimed before the room answers.
    expect(await page.getByTestId("poll-recorded").textContent()).toBe("");
    await page.getByTestId("poll-option-1").check();
    await page.getByTestId("poll-vote").click();
    await expect
      .poll(() => page.getByTestId("poll-recorded").textContent(), { timeout: 15_000, interval: 100 })
      .toMatch(/recorded/);
    const pollId = (await view(page)).activePollId;
    expect((await view(page)).myBallots[pollId]).toEqual([1]);

    await page.getByTestId("idea-text").fill(IDEA);
    await page.getByTestId("idea-post").click();
    await expect
      .poll(() => page.getByTestId("idea-posted").textContent(), { timeout: 15_000, interval: 100 })
      .toMatch(/on the wall/);
    await expect
      .poll(async () => page.getByTestId("ideas-list").textContent(), { timeout: 10_000, interval: 100 })
      .toContain(IDEA);
    // Live results reach the voter's card too.
    await expect
      .poll(async () => page.getByTestId("poll-results").textContent(), { timeout: 10_000, interval: 100 })
      .toContain("Trees");
  });

  it("shows another citizen the results as bars on the big screen and the idea on the wall", {
    timeout: 120_000,
  }, async () => {
    await enter(cora.page, `/j/${consultation.joinCode}`, "Cora");
    const page = cora.page;
    await waitUntil(
      page,
      "the results on the big screen",
      `(() => { const s = h.consultation().screen; return s.mode === "poll" && s.bars.some(b => b.label === "Trees" && b.value === 1); })()`,
    );
    const screen = (await view(page)).screen;
    expect(screen.question).toBe(QUESTION);
    expect(screen.bars.map((bar) => [bar.label, bar.value])).toEqual([
      ["Playground", 0],
      ["Trees", 1],
      ["Benches", 0],
    ]);
    expect(screen.bars.find((bar) => bar.label === "Trees")?.length).toBeGreaterThan(1);
    await waitUntil(
      page,
      "the idea on the wall",
      `h.consultation().wall.some(n => n.text === ${JSON.stringify(IDEA)})`,
    );
    // Let a few frames draw the troika texts, then keep what Cora sees.
    await waitUntil(page, "a frame after the results", "h.renderInfo().calls > 10");
    await saveScreenshot(page, "consultation-screen-results");
    expect(await canvasColourCount(page)).toBeGreaterThan(30);
  });

  it("closes the consultation from the console and publishes the poll's result on the report page", {
    timeout: 90_000,
  }, async () => {
    const page = lead.page;
    // Without these the checks after the close would pass on an empty console; its rows come in the
    // room's patches.
    await expect.poll(() => page.getByTestId("console-mode-open").count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => page.getByTestId("person-give-floor").count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await page.getByTestId("console-close-consultation").click();
    await page.getByTestId("close-consultation-confirm").click();
    await waitUntil(page, "the consultation to close", `h.consultation().phase === "closed"`);
    // A closed consultation keeps the speaking mode it closed with: the console no longer offers a switch.
    await expect.poll(() => page.getByTestId("console-mode-open").count()).toBe(0);
    // Nor can anyone be given the floor: the participant rows leave the button out.
    await expect.poll(() => page.getByTestId("person-give-floor").count()).toBe(0);
    await waitUntil(cora.page, "Cora to see it closed", `h.consultation().phase === "closed"`);
    await cora.page.getByTestId("consultation-closed").waitFor({ timeout: 10_000 });
    // Cora cannot be given the floor any more: her hand button is off, and her microphone note says why.
    await expect.poll(() => cora.page.getByTestId("raise-hand").isDisabled()).toBe(true);
    // The note is made from the phase, the speaking mode and Cora's own right to speak, which the room
    // may send in different patches.
    await expect
      .poll(() => cora.page.getByTestId("cannot-speak").textContent(), { timeout: 10_000 })
      .toContain("consultation is closed");

    const report = await lead.context.newPage();
    await report.goto(`${server.url}/c/${consultation.id}/report?test=1`);
    const poll = report.getByTestId("report-poll");
    await poll.waitFor({ timeout: 15_000 });
    const text = (await poll.textContent()) ?? "";
    expect(text).toContain(QUESTION);
    expect(text).toContain("Votes: 1");
    expect(text).toMatch(/Trees\s*1 \(100%\)/);
    expect(text).toMatch(/Playground\s*0 \(0%\)/);
    expect(await report.getByTestId("report-ideas").textContent()).toContain(IDEA);
    expect(await report.getByTestId("report-json").getAttribute("href")).toBe(
      `/c/${consultation.id}/report.json`,
    );
    expect(await report.getByTestId("report-csv").getAttribute("href")).toBe(
      `/c/${consultation.id}/report.csv`,
    );
    await saveScreenshot(report, "consultation-report");
    await report.close();
  });

  it("logged no page errors", () => {
    expect(lead.errors).toEqual([]);
    expect(bram.errors).toEqual([]);
    expect(cora.errors).toEqual([]);
  });
});
