/**
 * Everyone takes part the same way, whatever their device: a participant in VR (IWER emulating a Meta
 * Quest 3, acting through the hand menu with the controller's ray and trigger and typing on the menu's
 * keyboard), one at a desktop (mouse and keyboard) and one on a phone-sized touch screen (taps) each
 * raise a hand, vote in the poll, post an idea and write in the chat, all through the real UI. The
 * facilitator's console on its own page shows all of it; then the facilitator hides a chat message and
 * it disappears for everyone. On the phone the overlay's panels are one bottom sheet with tabs, pulled up
 * and down by its handle (a finger, a press or the arrow keys): the open poll brings it up, the move pad
 * and looking around by touch still work while it is half open, folded it leaves at least 60% of the
 * screen to the hall (measured as the share of the screen where the hall's canvas is what a finger
 * touches), the touch screen shows no keyboard-only controls, and a new poll brings the sheet up again.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import { seriousAxeViolations } from "../support/accessibility.ts";
import { launchBrowser, PHONE, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { createOpenPoll } from "../support/console-poll.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { centreOf, touchDrag } from "../support/touch.ts";
import {
  emulatedHeadset,
  enterHall,
  enterVr,
  participantNamed,
  VR_TEST_TIMEOUT_MS,
} from "../support/vr-emulator.ts";

interface ConsultationView {
  activePollId: string;
  polls: { id: string; ballots: number; counts: number[] }[];
  ideas: { text: string }[];
  myBallots: Record<string, number[]>;
  chat: { authorName: string; text: string }[];
}

const QUESTION = "Where should the new bench go?";
const DESK_CHAT = "Hello from the desk";
const PHONE_CHAT = "Hi from my phone";
/** Typed on the headset keyboard, key by key. */
const VR_CHAT = "hi";
const VR_IDEA = "Ramp";

let server: TestServer;
let facilitator: TestBrowser;
let desk: TestBrowser;
let phone: TestBrowser;
let headset: TestBrowser;
let consultation: { id: string; joinCode: string; facilitatorKey: string };

const { device, nextFrames, openHandMenu, aimAt, pullTrigger } = emulatedHeadset(() => headset.page);
const view = (page: Page) => hook<ConsultationView>(page, "h.consultation()");

/** Points the ray at a hand-menu button and pulls the trigger. */
async function press(name: string): Promise<void> {
  await aimAt(name);
  await pullTrigger();
}

/** The chat as a page's overlay lists it. */
const chatTexts = (page: Page) => page.getByTestId("chat-message").allTextContents();

/**
 * The share of the screen that shows the hall: the points of a 10 px grid where the hall's canvas, not
 * a part of the overlay, is what a finger would touch.
 */
function visibleHallFraction(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector(".hall canvas");
    let hall = 0;
    let all = 0;
    for (let y = 5; y < window.innerHeight; y += 10)
      for (let x = 5; x < window.innerWidth; x += 10) {
        all += 1;
        if (document.elementFromPoint(x, y) === canvas) hall += 1;
      }
    return hall / all;
  });
}

/** Overlay text that tells of keys to press, and the keyboard-only controls, as far as they show. */
function keyboardOnlyShown(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point: what is on the screen.
    const text = (document.querySelector(".overlay") as HTMLElement).innerText;
    const hints = ["Raise or lower your hand: H", "M: microphone on or off", "W A S D"].filter((hint) =>
      text.includes(hint),
    );
    const controls = ["shortcut-help-open", "push-to-talk"].filter((testId) =>
      document.querySelector(`[data-testid=${testId}]`)?.checkVisibility(),
    );
    return [...hints, ...controls];
  });
}

const sheetSnap = (page: Page) => page.getByTestId("panel-sheet").getAttribute("data-snap");
const selected = (page: Page, tab: string) =>
  page.getByTestId(`sheet-tab-${tab}`).getAttribute("aria-selected");

/** Enters the hall on the phone with taps only (the name is typed on its keyboard). */
async function enterByTouch(page: Page, name: string): Promise<void> {
  await page.goto(`${server.url}/j/${consultation.joinCode}?test=1`);
  await page.getByTestId("display-name").fill(name);
  await page.getByTestId("accept-conduct").tap();
  await page.getByTestId("enter-hall").tap();
  await waitUntil(page, `${name}'s hall`, "h.ready", 60_000);
}

beforeAll(async () => {
  server = await startTestServer();
  consultation = await server.createConsultation("Bench by the river");
  [facilitator, desk, phone, headset] = await Promise.all([
    launchBrowser({ width: 1280, height: 900 }),
    launchBrowser({ width: 1280, height: 800 }),
    launchBrowser({ width: 390, height: 844 }, [], PHONE),
    launchBrowser(),
  ]);
}, VR_TEST_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([facilitator, desk, phone, headset].map((browser) => browser?.close()));
  await server?.stop();
});

describe("device parity: VR, desktop and phone take part alike", () => {
  it(
    "opens the facilitator's console on its own page and opens a poll there",
    async () => {
      // The session the facilitator's browser keeps after entering with the facilitator link.
      const join = await server.post<JoinResponse>("/api/join", {
        facilitatorKey: consultation.facilitatorKey,
        displayName: "Fatima",
        color: "#aa8800",
        acceptCodeOfConduct: true,
      });
      expect(join.status).toBe(200);
      await facilitator.context.addInitScript(
        ([key, value]) => localStorage.setItem(key as string, value as string),
        [`plenum.session.${consultation.id}`, JSON.stringify(join.body)],
      );
      const page = facilitator.page;
      await page.goto(`${server.url}/c/${consultation.id}/console?test=1`);
      await waitUntil(page, "the console to connect", "h.connected");
      await createOpenPoll(page, QUESTION, "single", "Riverside\nSquare\nPark");
      await waitUntil(
        page,
        "the poll open",
        `(() => { const c = h.consultation(); return c.polls.some(p => p.id === c.activePollId && p.status === "open"); })()`,
      );
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "lets a VR participant raise a hand and vote from the hand menu",
    async () => {
      await enterHall(headset, `${server.url}/j/${consultation.joinCode}?test=1&xr=emulate`, "Vera");
      await enterVr(headset, "Vera");
      const page = headset.page;
      // Vera stands, looks down a little at her left hand and opens the menu with the X button.
      await device("d.position.set(0, 1.6, 0);");
      await openHandMenu();
      await nextFrames(2);

      await press("hand");
      await waitUntil(page, "Vera's hand up", "h.facilitation().self?.handRaised");

      await press("vote");
      await press("poll-option-2");
      const pollId = (await view(page)).activePollId;
      await waitUntil(
        page,
        "Vera's ballot acknowledged",
        `(h.consultation().myBallots[${JSON.stringify(pollId)}] ?? []).join() === "2"`,
        30_000,
      );
      await press("poll-back");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "lets the VR participant post an idea typed on the hand menu's keyboard",
    async () => {
      await press("idea");
      for (const key of ["key-shift", "key-R", "key-a", "key-m", "key-p", "key-submit"]) await press(key);
      await waitUntil(
        headset.page,
        "Vera's idea on the wall",
        `h.consultation().ideas.some(i => i.text === ${JSON.stringify(VR_IDEA)})`,
        30_000,
      );
      await press("idea-back");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "lets the VR participant write in the chat on the same keyboard",
    async () => {
      await press("chat");
      for (const key of ["key-h", "key-i", "key-submit"]) await press(key);
      await waitUntil(
        headset.page,
        "Vera's chat message",
        `h.consultation().chat.some(m => m.authorName === "Vera" && m.text === ${JSON.stringify(VR_CHAT)})`,
        30_000,
      );
      await nextFrames(3);
      await saveScreenshot(headset.page, "device-parity-vr-chat");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "lets a desktop participant do everything with mouse and keyboard",
    async () => {
      await enterHall(desk, `${server.url}/j/${consultation.joinCode}?test=1`, "Dana");
      const page = desk.page;
      await page.getByTestId("raise-hand").click();
      await page.getByTestId("poll-option-0").check();
      await page.getByTestId("poll-vote").click();
      await expect
        .poll(() => page.getByTestId("poll-recorded").textContent(), { timeout: 20_000, interval: 100 })
        .toMatch(/recorded/);
      await page.getByTestId("idea-text").fill("Shade over the benches");
      await page.getByTestId("idea-post").click();
      await expect
        .poll(() => page.getByTestId("idea-posted").textContent(), { timeout: 20_000, interval: 100 })
        .toMatch(/on the wall/);
      // The chat field sends with Enter.
      await page.getByTestId("chat-text").fill(DESK_CHAT);
      await page.getByTestId("chat-text").press("Enter");
      await expect
        .poll(() => chatTexts(page), { timeout: 20_000, interval: 100 })
        .toEqual([`Vera: ${VR_CHAT}`, `Dana: ${DESK_CHAT}`]);
      expect(await page.getByTestId("chat-text").inputValue()).toBe("");
      // The raised hand comes back in the room's state, not with the click.
      await expect
        .poll(async () => (await participantNamed(page, "Dana"))?.handRaised, { timeout: 20_000 })
        .toBe(true);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "lets a phone participant do everything with taps",
    async () => {
      await enterByTouch(phone.page, "Pim");
      const page = phone.page;
      expect((await participantNamed(page, "Pim"))?.device).toBe("phone");
      // The poll open on entering brings the sheet up, half way, on the consultation.
      await expect.poll(() => sheetSnap(page), { timeout: 20_000, interval: 100 }).toBe("half");
      expect(await selected(page, "consultation")).toBe("true");
      expect(await page.getByTestId("sheet-handle").getAttribute("aria-expanded")).toBe("true");
      await page.getByTestId("raise-hand").tap();
      await page.getByTestId("poll-option-1").tap();
      await page.getByTestId("poll-vote").tap();
      await expect
        .poll(() => page.getByTestId("poll-recorded").textContent(), { timeout: 20_000, interval: 100 })
        .toMatch(/recorded/);
      await page.getByTestId("idea-text").fill("A bench with a view");
      await page.getByTestId("idea-post").tap();
      await expect
        .poll(() => page.getByTestId("idea-posted").textContent(), { timeout: 20_000, interval: 100 })
        .toMatch(/on the wall/);
      // The chat is a tab of the same sheet.
      await page.getByTestId("sheet-tab-chat").tap();
      expect(await selected(page, "chat")).toBe("true");
      expect(await selected(page, "consultation")).toBe("false");
      await expect.poll(() => page.getByTestId("poll-card").isVisible(), { timeout: 10_000 }).toBe(false);
      await page.getByTestId("chat-text").fill(PHONE_CHAT);
      await page.getByTestId("chat-send").tap();
      await expect
        .poll(() => chatTexts(page), { timeout: 20_000, interval: 100 })
        .toEqual([`Vera: ${VR_CHAT}`, `Dana: ${DESK_CHAT}`, `Pim: ${PHONE_CHAT}`]);
      await expect
        .poll(async () => (await participantNamed(page, "Pim"))?.handRaised, { timeout: 20_000 })
        .toBe(true);
      await page.getByTestId("sheet-tab-people").tap();
      const present = await page.getByTestId("participant-list").textContent();
      for (const name of ["Vera", "Dana", "Pim"]) expect(present).toContain(name);
      expect(await seriousAxeViolations(page), "the half-open sheet").toEqual([]);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "lets the phone walk with the move pad and look around by touch while the sheet is half open",
    async () => {
      const page = phone.page;
      expect(await sheetSnap(page)).toBe("half");
      const before = await hook<{ x: number; z: number; yaw: number }>(page, "h.self()");
      // The thumb pushes the pad's knob forwards and holds it there for a second.
      const pad = await centreOf(page, ".move-pad");
      await touchDrag(page, pad, { x: pad.x, y: pad.y - 40 }, 4, 1000);
      const walked = await hook<{ x: number; z: number; yaw: number }>(page, "h.self()");
      expect(Math.hypot(walked.x - before.x, walked.z - before.z), "walked with the pad").toBeGreaterThan(
        0.5,
      );
      // A finger drawn sideways over the hall above the sheet turns the view.
      const sheetTop = (await page.getByTestId("panel-sheet").boundingBox())?.y ?? 0;
      const look = { x: 300, y: sheetTop - 30 };
      expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, look)).toBe(
        "CANVAS",
      );
      await touchDrag(page, look, { x: look.x - 150, y: look.y });
      const turned = await hook<{ x: number; z: number; yaw: number }>(page, "h.self()");
      expect(Math.abs(turned.yaw - walked.yaw), "turned by touch").toBeGreaterThan(0.5);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "folds the phone's sheet by its handle, leaving at least 60% of the screen to the hall",
    async () => {
      const page = phone.page;
      const handle = page.getByTestId("sheet-handle");
      const halfOpen = await visibleHallFraction(page);
      // Pulled down with a finger, the sheet folds to its handle and tabs.
      const grip = await centreOf(page, "[data-testid=sheet-handle]");
      await touchDrag(page, grip, { x: grip.x, y: grip.y + 400 });
      expect(await sheetSnap(page)).toBe("folded");
      expect(await handle.getAttribute("aria-expanded")).toBe("false");
      const folded = await visibleHallFraction(page);
      expect(
        folded,
        `the hall's share of the screen, folded (half open: ${halfOpen})`,
      ).toBeGreaterThanOrEqual(0.6);
      // A press on the handle brings it up a step, and so does the arrow key for a keyboard.
      await handle.tap();
      expect(await sheetSnap(page)).toBe("half");
      await handle.press("ArrowUp");
      expect(await sheetSnap(page)).toBe("full");
      await handle.press("ArrowDown");
      await handle.press("ArrowDown");
      expect(await sheetSnap(page)).toBe("folded");
      expect(await visibleHallFraction(page)).toBeGreaterThanOrEqual(0.6);
      // A touch screen shows no keyboard-only controls, even in the opened sound settings.
      await page.locator(".voice-controls__settings summary").tap();
      expect(await keyboardOnlyShown(page)).toEqual([]);
      await page.locator(".voice-controls__settings summary").tap();
      expect(await seriousAxeViolations(page), "the folded sheet").toEqual([]);
      console.info(`phone hall visible: folded ${folded.toFixed(3)}, half open ${halfOpen.toFixed(3)}`);
      await saveScreenshot(page, "device-parity-phone");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "shows the facilitator all of it: three hands, three votes, three ideas, three chat messages",
    async () => {
      const page = facilitator.page;
      await expect
        .poll(() => page.getByTestId("console-queue").locator("li").count(), { timeout: 20_000 })
        .toBe(3);
      expect(await page.getByTestId("console-queue").textContent()).toMatch(/Vera.*Dana.*Pim/s);
      await expect
        .poll(() => page.getByTestId("console-poll-list").textContent(), { timeout: 20_000 })
        .toContain("Votes: 3");
      const poll = (await view(page)).polls[0];
      expect(poll?.counts).toEqual([1, 1, 1]);
      await expect
        .poll(() => page.getByTestId("console-ideas").locator("li").count(), { timeout: 20_000 })
        .toBe(3);
      await expect
        .poll(() => page.getByTestId("console-chat-message").allTextContents(), { timeout: 20_000 })
        .toEqual([`Vera: ${VR_CHAT}Hide`, `Dana: ${DESK_CHAT}Hide`, `Pim: ${PHONE_CHAT}Hide`]);
      await saveScreenshot(page, "device-parity-console");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "lets the facilitator hide a chat message, and nobody sees it any more",
    async () => {
      const page = facilitator.page;
      await page
        .getByTestId("console-chat-message")
        .filter({ hasText: DESK_CHAT })
        .getByTestId("chat-hide")
        .click();
      await page.getByTestId("hide-chat-dialog-reason").fill("Off topic");
      await page.getByTestId("hide-chat-dialog-confirm").click();
      await expect.poll(() => page.getByTestId("console-chat-message").count(), { timeout: 20_000 }).toBe(2);
      for (const other of [desk.page, phone.page])
        await expect
          .poll(() => chatTexts(other), { timeout: 20_000, interval: 100 })
          .toEqual([`Vera: ${VR_CHAT}`, `Pim: ${PHONE_CHAT}`]);
      await waitUntil(
        headset.page,
        "the hidden message gone from the headset",
        `h.consultation().chat.map(m => m.text).join("|") === ${JSON.stringify(`${VR_CHAT}|${PHONE_CHAT}`)}`,
      );
    },
    VR_TEST_TIMEOUT_MS,
  );

  it(
    "brings the phone's sheet up on the consultation when a new poll opens",
    async () => {
      const page = phone.page;
      expect(await sheetSnap(page)).toBe("folded");
      await createOpenPoll(facilitator.page, "And a second bench?", "single", "Yes\nNo");
      await expect.poll(() => sheetSnap(page), { timeout: 20_000, interval: 100 }).toBe("half");
      await expect.poll(() => selected(page, "consultation"), { timeout: 10_000 }).toBe("true");
      await expect
        .poll(() => page.getByTestId("poll-card").textContent(), { timeout: 10_000 })
        .toContain("And a second bench?");
      await expect.poll(() => page.getByTestId("poll-card").isVisible(), { timeout: 10_000 }).toBe(true);
    },
    VR_TEST_TIMEOUT_MS,
  );

  it("logged no errors", () => {
    for (const browser of [facilitator, desk, phone, headset]) expect(browser.errors).toEqual([]);
  });
});
