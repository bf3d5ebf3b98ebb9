/**
 * What a first consultation looks like in the hall overlay, measured on the page: every name in the
 * list of people present stands beside its dot whatever marks the row carries (a raised hand, the
 * facilitator badge, the report button); everyone present stays in view when an open poll and an idea
 * fill the consultation panel below the list, whose poll bars line up whatever their counts; a folded
 * list or chat is off the screen; and once the facilitator closes the consultation, a citizen's chat
 * says it is closed rather than that observers cannot write. On a phone (390×844, touch) every control
 * of the bottom bar is on the screen, a thumb's size and clear of the others, in English, Dutch and
 * French, and the floor status keeps off the title; the overlay's icons are drawn (SVG), never emoji,
 * which many desktops cannot show. The browser accepts the security headers without a warning on the way.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, PHONE, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { createOpenPoll } from "../support/console-poll.ts";
import { waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface RowLayout {
  readonly name: string;
  readonly dot: Box;
  readonly label: Box;
  readonly report: Box | null;
  readonly row: Box;
}

let server: TestServer;
let lead: TestBrowser;
let citizen: TestBrowser;
let phone: TestBrowser | undefined;
let consultation: { id: string; joinCode: string; facilitatorKey: string };
const headerWarnings: string[] = [];

async function enter(page: Page, path: string, name: string): Promise<void> {
  await page.goto(`${server.url}${path}?test=1`);
  await page.getByTestId("display-name").fill(name);
  await page.getByTestId("accept-conduct").check();
  await page.getByTestId("enter-hall").click();
  await waitUntil(page, `${name}'s hall`, "h.connected && h.participants().length > 0", 45_000);
}

/** Where the parts of each row of the list of people present are drawn. */
function rowLayouts(page: Page): Promise<RowLayout[]> {
  return page.getByTestId("participant-list").evaluate((list) => {
    const box = (element: Element | null) => {
      if (!element) return null;
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    };
    return [...list.querySelectorAll(":scope > li")].map((row) => ({
      name: row.querySelector(".participant__name")?.textContent ?? "",
      dot: box(row.querySelector(".participant__dot")) as Box,
      label: box(row.querySelector(".participant__name")) as Box,
      report: box(row.querySelector("[data-testid=report-participant]")),
      row: box(row) as Box,
    }));
  });
}

/** The visible box of the list of people present (it scrolls when there are many). */
function listPanel(page: Page): Promise<Box> {
  return page
    .getByTestId("participant-list")
    .evaluate((list) => (list.parentElement as HTMLElement).getBoundingClientRect().toJSON() as Box);
}

/** How many lines an element's text takes on screen. */
function linesOf(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const tops = [...range.getClientRects()].map((rect) => rect.top).sort((a, b) => a - b);
    return tops.filter((top, index) => index === 0 || top - (tops[index - 1] ?? top) > 8).length;
  });
}

/** Where the phone's bottom-bar controls, the floor status and the title panel are drawn. */
function phoneLayout(page: Page) {
  return page.evaluate(() => {
    const box = (element: Element) => element.getBoundingClientRect().toJSON() as Box;
    const controls = [
      ...document.querySelectorAll(".overlay__bottom :is(button, select, summary, input, .move-pad)"),
    ]
      .filter((element) => element.checkVisibility())
      .map((element) => ({
        name: element.getAttribute("data-testid") || element.className || element.tagName,
        box: box(element),
      }));
    const floor = document.querySelector("[data-testid=floor-status]");
    const title = document.querySelector(".overlay__title");
    return {
      controls,
      floor: floor ? box(floor) : null,
      title: title ? box(title) : null,
      viewport: { width: window.innerWidth, height: window.innerHeight },
    };
  });
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Emoji and other pictographs written as text in the overlay (they need an emoji font to show). */
function pictographsIn(page: Page): Promise<string[]> {
  return page
    .locator(".overlay")
    .evaluate((overlay) =>
      [...(overlay.textContent ?? "").matchAll(/\p{Extended_Pictographic}/gu)].map(String),
    );
}

function expectNamesBesideDots(rows: readonly RowLayout[]): void {
  for (const row of rows) {
    // The dot is 0.8rem wide and the column gap 0.5rem: the name starts right after it.
    expect(row.label.x - (row.dot.x + row.dot.width), row.name).toBeLessThan(12);
    if (row.report) expect(row.report.x, row.name).toBeGreaterThan(row.label.x);
  }
}

beforeAll(async () => {
  server = await startTestServer();
  [lead, citizen] = await Promise.all([launchBrowser(), launchBrowser()]);
  for (const page of [lead.page, citizen.page])
    page.on("console", (message) => {
      if (/Permissions-Policy|Content Security Policy/.test(message.text()))
        headerWarnings.push(message.text());
    });
  const { body } = await server.post<typeof consultation>("/api/consultations", {
    title: "Riverside park renovation",
    language: "en",
  });
  consultation = body;
});

afterAll(async () => {
  await Promise.all([lead?.close(), citizen?.close(), phone?.close()]);
  await server?.stop();
});

describe("the hall overlay in a first consultation", () => {
  it("keeps every name beside its dot, with a raised hand, the badge and report buttons", {
    timeout: 120_000,
  }, async () => {
    await enter(lead.page, `/f/${consultation.facilitatorKey}`, "Alice");
    await enter(citizen.page, `/j/${consultation.joinCode}`, "Bram");
    await citizen.page.getByTestId("raise-hand").click();
    await lead.page.getByTestId("hand-raised").waitFor({ timeout: 15_000 });

    const seenByLead = await rowLayouts(lead.page);
    expect(seenByLead.map((row) => row.name)).toEqual([
      expect.stringContaining("Alice"),
      expect.stringContaining("Bram"),
    ]);
    expect(seenByLead[1]?.report).not.toBeNull();
    expectNamesBesideDots(seenByLead);
    // Bram's own list gets his hand from the room, maybe after Alice's: without it his rows carry no
    // mark to check.
    await citizen.page.getByTestId("hand-raised").waitFor({ timeout: 15_000 });
    expectNamesBesideDots(await rowLayouts(citizen.page));
    // Bram's raised hand and the muted marks are drawn, none written as emoji.
    expect(await pictographsIn(lead.page)).toEqual([]);
    expect(await lead.page.getByTestId("hand-raised").locator("svg").count()).toBe(1);
    // The facilitator's bottom bar is the fullest: the microphone's state still reads on one line.
    expect(await linesOf(lead.page, "mic-status")).toBe(1);

    // Folding the list and the chat (as they start on a phone) takes them off the screen.
    const page = citizen.page;
    for (const [toggle, body] of [
      [page.locator(".participants__toggle").first(), page.getByTestId("participant-list")],
      [page.getByTestId("chat-toggle"), page.getByTestId("chat-panel").locator(".chat-panel__body")],
    ] as const) {
      await toggle.click();
      expect(await body.isVisible()).toBe(false);
      await toggle.click();
      expect(await body.isVisible()).toBe(true);
    }
    await saveScreenshot(lead.page, "hall-overlay-participants");
  });

  it("keeps everyone present in view when a poll and an idea fill the consultation panel", {
    timeout: 60_000,
  }, async () => {
    await lead.page.getByTestId("console-toggle").click();
    await createOpenPoll(
      lead.page,
      "What should the park get first?",
      "single",
      "Playground\nTrees\nBenches",
    );
    await citizen.page.getByTestId("poll-card").waitFor({ timeout: 15_000 });
    await citizen.page.getByTestId("poll-option-1").check();
    await citizen.page.getByTestId("poll-vote").click();
    await expect
      .poll(() => citizen.page.getByTestId("poll-recorded").textContent(), { timeout: 15_000, interval: 100 })
      .toMatch(/recorded/);
    await expect
      .poll(() => citizen.page.getByTestId("poll-results").textContent(), { timeout: 10_000, interval: 100 })
      .toContain("1 (100%)");
    // "1 (100%)" is wider than "0 (0%)": the bars still share one start and one length.
    const tracks = await citizen.page
      .getByTestId("poll-results")
      .locator(".poll-results__track")
      .evaluateAll((spans) => spans.map((span) => span.getBoundingClientRect().toJSON() as Box));
    expect(tracks).toHaveLength(3);
    for (const track of tracks) {
      expect(track.x).toBeCloseTo(tracks[0]?.x ?? Number.NaN, 0);
      expect(track.width).toBeCloseTo(tracks[0]?.width ?? Number.NaN, 0);
    }
    await citizen.page.getByTestId("idea-text").fill("Shade trees along the river path");
    await citizen.page.getByTestId("idea-post").click();
    await lead.page.getByTestId("ideas-list").getByText("Shade trees").waitFor({ timeout: 15_000 });
    // Bram's panel fills only once his own copy of the idea arrives, which Alice's says nothing about.
    await citizen.page.getByTestId("ideas-list").getByText("Shade trees").waitFor({ timeout: 15_000 });

    for (const page of [lead.page, citizen.page]) {
      const panel = await listPanel(page);
      const rows = await rowLayouts(page);
      expect(rows).toHaveLength(2);
      for (const row of rows)
        expect(row.row.y + row.row.height, row.name).toBeLessThanOrEqual(panel.y + panel.height + 1);
    }
    await saveScreenshot(citizen.page, "hall-overlay-poll-open");
  });

  it("tells a citizen that the chat is read-only because the consultation is closed", {
    timeout: 60_000,
  }, async () => {
    await expect.poll(() => citizen.page.getByTestId("chat-text").count()).toBe(1);
    await lead.page.getByTestId("console-close-consultation").click();
    await lead.page.getByTestId("close-consultation-confirm").click();
    await citizen.page.getByTestId("consultation-closed").waitFor({ timeout: 15_000 });
    const notice = citizen.page.getByTestId("chat-read-only");
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toBe(
      "The consultation is closed: you can read the chat but no longer write in it.",
    );
    expect(await citizen.page.getByTestId("chat-text").count()).toBe(0);
    await saveScreenshot(citizen.page, "hall-overlay-closed");
  });

  it("fits the bottom bar on a phone in every language, with drawn icons rather than emoji", {
    timeout: 90_000,
  }, async () => {
    phone = await launchBrowser({ width: 390, height: 844 }, [], PHONE);
    const page = phone.page;
    await enter(page, `/j/${consultation.joinCode}`, "Pim");
    for (const language of ["en", "nl", "fr"] as const) {
      await page.locator(".overlay__preferences select").selectOption(language);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      const { controls, floor, title, viewport } = await phoneLayout(page);
      const names = controls.map((control) => control.name);
      expect(names).toEqual(expect.arrayContaining(["microphone", "raise-hand", "leave-hall"]));
      for (const [index, { name, box }] of controls.entries()) {
        const where = `${language} ${name} ${JSON.stringify(box)}`;
        expect(box.x, where).toBeGreaterThanOrEqual(0);
        expect(box.y, where).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, where).toBeLessThanOrEqual(viewport.width);
        expect(box.y + box.height, where).toBeLessThanOrEqual(viewport.height);
        expect(box.width, where).toBeGreaterThanOrEqual(44);
        expect(box.height, where).toBeGreaterThanOrEqual(44);
        for (const other of controls.slice(index + 1))
          expect(overlaps(box, other.box), `${where} overlaps ${other.name}`).toBe(false);
        if (floor) expect(overlaps(box, floor), `${where} overlaps the floor status`).toBe(false);
      }
      expect(floor).not.toBeNull();
      expect(title).not.toBeNull();
      if (floor && title) expect(overlaps(floor, title), language).toBe(false);
      // The bar leaves most of the hall free.
      const top = Math.min(...controls.map((control) => control.box.y));
      expect(viewport.height - top, language).toBeLessThan(viewport.height / 3);
      expect(await pictographsIn(page), language).toEqual([]);
      for (const testId of ["microphone", "raise-hand", "leave-hall", "mic-status"])
        expect(await page.getByTestId(testId).locator("svg").count(), `${language} ${testId}`).toBe(1);
      await saveScreenshot(page, `hall-overlay-phone-${language}`);
    }
    // The icon buttons keep their words for screen readers, from the catalog.
    expect(await page.getByTestId("leave-hall").textContent()).toBe("Quitter");
  });

  it("logged no page errors and no warnings about the security headers", () => {
    expect(lead.errors).toEqual([]);
    expect(citizen.errors).toEqual([]);
    expect(phone?.errors).toEqual([]);
    expect(headerWarnings).toEqual([]);
  });
});
