/**
 * The agenda, the participatory budget and discussion tables run through the real UI: a facilitator in
 * the hall works the console side panel, a citizen in a second browser follows on the big screen and in
 * the overlay, and a third person joins with the SDK (someone to seat, and a client that tries what the
 * UI would not let it send).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import { launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { enterHall as enterWithSdk, type HallRoom, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

interface MethodsView {
  activePollId: string;
  agendaCurrent: number;
  polls: { id: string; question: string; status: string }[];
  tables: { count: number; mode: string; endsAt: number };
  seating: Record<string, number>;
  screen: { mode: string; agenda: string; question: string };
}

interface Person {
  id: string;
  name: string;
  seat: number;
}

const LINKED_QUESTION = "Which corner of the park comes first?";

let server: TestServer;
let lead: TestBrowser;
let bram: TestBrowser;
let dries: HallRoom;
let driesId = "";
let bramId = "";
let leadId = "";

const view = (page: Page) => hook<MethodsView>(page, "h.consultation()");
const people = (page: Page) => hook<Person[]>(page, "h.participants()");
const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).textContent({ timeout: 10_000 })) ?? "";

async function enter(browser: TestBrowser, url: string, name: string): Promise<string> {
  await browser.page.goto(url);
  await browser.page.getByTestId("display-name").fill(name);
  await browser.page.getByTestId("accept-conduct").check();
  await browser.page.getByTestId("enter-hall").click();
  await waitUntil(browser.page, `${name}'s hall to be ready`, "h.ready", 90_000);
  return (await hook<string>(browser.page, "h.participantId")) ?? "";
}

beforeAll(async () => {
  server = await startTestServer();
  [lead, bram] = await Promise.all([launchBrowser({ width: 1280, height: 1000 }), launchBrowser()]);
});

afterAll(async () => {
  await dries?.leave().catch(() => undefined);
  await Promise.all([lead?.close(), bram?.close()]);
  await server?.stop();
});

describe("agenda, budget and tables from the console and the overlay", () => {
  it("builds the agenda live, with a linked poll, and shows the current item and its timer everywhere", {
    timeout: 180_000,
  }, async () => {
    const { joinCode, facilitatorKey } = await server.createConsultation("Riverside park");
    leadId = await enter(lead, `${server.url}/f/${facilitatorKey}?test=1`, "Fatima");
    bramId = await enter(bram, `${server.url}/j/${joinCode}?test=1`, "Bram");
    const join = await server.join(joinCode, "Dries");
    driesId = join.participantId;
    dries = await enterWithSdk(server.url, join, { device: "desktop" });
    dries.onMessage("error", () => undefined);

    const page = lead.page;
    await page.getByTestId("console-toggle").click();
    // A draft poll to link to the second item.
    await page.getByTestId("poll-question").fill(LINKED_QUESTION);
    await page.getByTestId("poll-kind").selectOption("single");
    await page.getByTestId("poll-options").fill("North\nSouth");
    await page.getByTestId("poll-create-draft").click();
    await waitUntil(page, "the draft poll", `h.consultation().polls.some(p => p.status === "draft")`);
    const pollId = (await view(page)).polls[0]?.id ?? "";

    // Two items typed into the console, the second one linked to the poll.
    await page.getByTestId("agenda-add").click();
    await page.getByTestId("agenda-title-0").fill("Welcome");
    await page.getByTestId("agenda-minutes-0").fill("5");
    await page.getByTestId("agenda-add").click();
    await page.getByTestId("agenda-title-1").fill("Where to start");
    await page.getByTestId("agenda-minutes-1").fill("20");
    await page.getByTestId("agenda-poll-1").selectOption(pollId);
    await page.getByTestId("agenda-save").click();
    await expect
      .poll(() => bram.page.getByTestId("consultation-panel").textContent(), { timeout: 15_000 })
      .toContain("The agenda has not started yet.");

    // Next: the first item runs; its title and timer reach the citizen's overlay and both big screens.
    await page.getByTestId("agenda-next").click();
    await waitUntil(
      bram.page,
      "the first item on Bram's screen",
      `h.consultation().screen.agenda.includes("Welcome")`,
    );
    const status = await text(bram.page, "agenda-status");
    expect(status).toContain("Item 1 of 2");
    expect(status).toContain("Now: Welcome");
    expect(status).toMatch(/[45]:\d\d left/);
    expect((await view(bram.page)).screen.agenda).toMatch(/^Now: Welcome · [45]:\d\d left$/);
    await waitUntil(
      page,
      "the first item on Fatima's screen",
      `h.consultation().screen.agenda.includes("Welcome")`,
    );
    // The timer runs down.
    const before = (await view(bram.page)).screen.agenda;
    await waitUntil(
      bram.page,
      "the agenda timer to tick",
      `h.consultation().screen.agenda !== ${JSON.stringify(before)}`,
      10_000,
    );

    // Edited live: the running item's new title replaces the old one everywhere, its timer keeps going.
    await page.getByTestId("agenda-title-0").fill("Welcome and introductions");
    await page.getByTestId("agenda-minutes-0").fill("8");
    await page.getByTestId("agenda-save").click();
    await waitUntil(
      bram.page,
      "the edited item on Bram's screen",
      `/^Now: Welcome and introductions · [78]:\\d\\d left$/.test(h.consultation().screen.agenda)`,
    );
    expect(await text(bram.page, "agenda-status")).toContain("Now: Welcome and introductions");

    // Next: the linked poll opens and goes on screen with the item.
    await page.getByTestId("agenda-next").click();
    await waitUntil(
      bram.page,
      "the second item and its poll",
      `(() => { const c = h.consultation(); return c.agendaCurrent === 1 && c.activePollId === ${JSON.stringify(pollId)} && c.screen.mode === "poll"; })()`,
    );
    expect((await view(bram.page)).polls.find((p) => p.id === pollId)?.status).toBe("open");
    expect((await view(bram.page)).screen.agenda).toMatch(/^Now: Where to start · (20:00|19:\d\d) left$/);
    expect(await text(bram.page, "poll-card")).toContain(LINKED_QUESTION);
    // The console is another client: its copy of the state may arrive after Bram's.
    await expect
      .poll(() => page.getByTestId("agenda-next").isDisabled(), {
        message: "no item after the last",
        timeout: 10_000,
      })
      .toBe(true);

    // Previous: back to the first item.
    await page.getByTestId("agenda-previous").click();
    await waitUntil(bram.page, "back to the first item", "h.consultation().agendaCurrent === 0");
    await waitUntil(
      bram.page,
      "the first item back on screen",
      `h.consultation().screen.agenda.startsWith("Now: Welcome and introductions")`,
    );
    await expect
      .poll(() => page.getByTestId("agenda-previous").isDisabled(), {
        message: "no item before the first",
        timeout: 10_000,
      })
      .toBe(true);
    await saveScreenshot(bram.page, "agenda-on-screen");
  });

  it("lets a citizen spread the budget without overspending, refuses more, and reveals totals at close", {
    timeout: 120_000,
  }, async () => {
    const page = lead.page;
    await page.getByTestId("budget-total").fill("100");
    await page.getByTestId("budget-proposals").fill("Playground; 60\nTrees; 50\nBenches; 20");
    await page.getByTestId("budget-open").click();

    const card = bram.page.getByTestId("budget-card");
    await card.waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain("Budget: 100");
    expect(await text(bram.page, "budget-remaining")).toBe("Left to spend: 100");
    await bram.page.getByTestId("budget-amount-0").fill("60");
    expect(await text(bram.page, "budget-remaining")).toBe("Left to spend: 40");
    // Asking 50 for the trees when 40 is left: the field stops at 40 and says why.
    await bram.page.getByTestId("budget-amount-1").fill("50");
    expect(await bram.page.getByTestId("budget-amount-1").inputValue()).toBe("40");
    expect(await text(bram.page, "budget-capped")).toBe("Only 40 is left to spend, so Trees gets 40.");
    expect(await text(bram.page, "budget-remaining")).toBe("Left to spend: 0");
    expect(await bram.page.getByTestId("budget-amount-2").getAttribute("max")).toBe("0");
    await bram.page.getByTestId("budget-amount-2").fill("5");
    expect(await bram.page.getByTestId("budget-amount-2").inputValue()).toBe("0");
    await bram.page.getByTestId("budget-submit").click();
    await expect
      .poll(() => text(bram.page, "budget-recorded"), { timeout: 15_000 })
      .toBe("Your allocation was recorded.");

    // A client that does not go through the UI is refused by the room.
    const proposals = [...(dries.state.budget?.proposals ?? [])].map((p) => p.id);
    const over = (await dries.request("allocate_budget", {
      allocation: {
        [proposals[0] as string]: 60,
        [proposals[2] as string]: 20,
        [proposals[1] as string]: 30,
      },
    })) as MethodAnswer;
    expect(over.ok ? "ok" : over.error.code).toBe("over_budget");
    const fair = (await dries.request("allocate_budget", {
      allocation: { [proposals[1] as string]: 50, [proposals[2] as string]: 20 },
    })) as MethodAnswer;
    expect(fair.ok).toBe(true);
    await expect.poll(() => text(page, "console-budget"), { timeout: 15_000 }).toContain("Allocations: 2");
    // No totals while the budget is open.
    expect(await text(page, "console-budget-proposals")).not.toContain("allocated");

    await page.getByTestId("budget-close").click();
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain("The budget is closed.");
    const totals = (await card.textContent()) ?? "";
    expect(totals).toMatch(/Playground\s*60 allocated/);
    expect(totals).toMatch(/Trees\s*90 allocated/);
    expect(totals).toMatch(/Benches\s*20 allocated/);
    // The console has its own connection: Bram's closed card does not mean its patch has arrived.
    await expect
      .poll(() => text(page, "console-budget-proposals"), { timeout: 15_000 })
      .toContain("90 allocated");
    await saveScreenshot(bram.page, "budget-totals");
  });

  it("splits the hall into tables, seats people from the console, lets citizens choose, and calls everyone back to their seats", {
    timeout: 180_000,
  }, async () => {
    const page = lead.page;
    // Before the round, the facilitator seats Bram and Dries sits down himself.
    await page.getByLabel("Seat number for Bram").fill("12");
    await page.getByLabel("Move Bram to that seat").click();
    dries.send("sit", { seat: 30 });
    await expect
      .poll(async () => (await people(bram.page)).find((p) => p.id === bramId)?.seat, { timeout: 15_000 })
      .toBe(12);
    await expect
      .poll(async () => (await people(bram.page)).find((p) => p.id === driesId)?.seat, { timeout: 15_000 })
      .toBe(30);

    // Three tables, people choose, a 10-minute round.
    await page.getByTestId("tables-count").fill("3");
    await page.getByTestId("tables-mode-choose").check();
    await page.getByTestId("tables-minutes").fill("10");
    await page.getByTestId("tables-split").click();
    await bram.page.getByTestId("table-status").waitFor({ timeout: 15_000 });
    await expect
      .poll(() => text(bram.page, "table-mine"), { timeout: 15_000 })
      .toBe("You are in the plenary");
    await expect
      .poll(() => text(bram.page, "table-time"), { timeout: 15_000 })
      .toMatch(/^Round: (10:00|9:\d\d) left$/);

    // Bram picks table 2 in his overlay.
    await bram.page.getByTestId("table-choose-1").click();
    await expect.poll(() => text(bram.page, "table-mine"), { timeout: 15_000 }).toBe("You are at table 2");
    await waitUntil(
      page,
      "Bram at table 2 in the console's state",
      `h.consultation().seating[${JSON.stringify(bramId)}] === 1`,
    );
    await expect
      .poll(() => page.getByTestId(`table-seat-${bramId}`).inputValue(), { timeout: 15_000 })
      .toBe("1");

    // The facilitator seats Dries at table 3 and herself at table 2 from the console.
    await page.getByTestId(`table-seat-${driesId}`).selectOption("2");
    await page.getByTestId(`table-seat-${leadId}`).selectOption("1");
    await waitFor("Dries at table 3", () => dries.state.participants.get(driesId)?.table === 2, 15_000);
    await waitFor("Fatima at table 2", () => dries.state.participants.get(leadId)?.table === 1, 15_000);
    await waitUntil(
      bram.page,
      "everyone's table on Bram's page",
      `(() => { const s = h.consultation().seating; return s[${JSON.stringify(driesId)}] === 2 && s[${JSON.stringify(leadId)}] === 1; })()`,
    );
    await expect
      .poll(() => text(page, "console-tables"), { timeout: 15_000 })
      .toContain("3 tables, 3 people seated");

    // During the round Bram walks away from his seat and Dries moves to another one.
    await bram.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await bram.page.keyboard.down("s");
    await expect
      .poll(async () => (await people(bram.page)).find((p) => p.id === bramId)?.seat, { timeout: 15_000 })
      .toBe(-1);
    await bram.page.keyboard.up("s");
    dries.send("sit", { seat: 31 });
    await waitFor("Dries on seat 31", () => dries.state.participants.get(driesId)?.seat === 31, 15_000);

    // Everyone back to the plenary: no one at a table, and both back in the seats they had.
    await page.getByTestId("tables-end").click();
    await expect.poll(() => bram.page.getByTestId("table-status").count(), { timeout: 15_000 }).toBe(0);
    await waitFor("Dries back on seat 30", () => dries.state.participants.get(driesId)?.seat === 30, 15_000);
    await expect
      .poll(async () => (await people(bram.page)).find((p) => p.id === bramId)?.seat, { timeout: 15_000 })
      .toBe(12);
    const state = await view(bram.page);
    expect(state.tables.count).toBe(0);
    expect(state.seating).toEqual({});
    // Bram's own view sat down there too.
    await waitUntil(bram.page, "Bram's camera on his seat", "h.self().y < 1.4");
    await saveScreenshot(bram.page, "tables-back-to-plenary");
  });

  it("logged no page errors", () => {
    expect(lead.errors).toEqual([]);
    expect(bram.errors).toEqual([]);
  });
});
