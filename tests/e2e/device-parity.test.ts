/**
 * Everyone takes part the same way, whatever their device: a participant in VR (IWER emulating a Meta
 * Quest 3, acting through the hand menu with the controller's ray and trigger and typing on the menu's
 * keyboard), one at a desktop (mouse and keyboard) and one on a phone-sized touch screen (taps) each
 * raise a hand, vote in the poll, post an idea and write in the chat, all through the real UI. The
 * facilitator's console on its own page shows all of it; then the facilitator hides a chat message and
 * it disappears for everyone. On the phone the overlay's panels fold as an accordion, so that opening the
 * chat leaves the hall in view, and a new poll unfolds the consultation panel again.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import { launchBrowser, PHONE, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { createOpenPoll } from "../support/console-poll.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
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

/** The height the overlay's side panels (people present, consultation, chat) take, and the screen's. */
function sidePanelsHeight(page: Page): Promise<{ side: number; viewport: number }> {
  return page.locator(".overlay__side").evaluate((side) => {
    const boxes = [...side.children].map((panel) => panel.getBoundingClientRect());
    const top = Math.min(...boxes.map((box) => box.top));
    const bottom = Math.max(...boxes.map((box) => box.bottom));
    return { side: bottom - top, viewport: window.innerHeight };
  });
}

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
      // On a phone the chat starts folded away: a tap opens it, and folds the consultation panel.
      const consultationToggle = page.getByTestId("consultation-toggle");
      expect(await consultationToggle.getAttribute("aria-expanded")).toBe("true");
      await page.getByTestId("chat-toggle").tap();
      expect(await page.getByTestId("chat-toggle").getAttribute("aria-expanded")).toBe("true");
      expect(await consultationToggle.getAttribute("aria-expanded")).toBe("false");
      // "On the wall" is the room's answer to Pim; the idea itself comes in a patch, perhaps later.
      await expect
        .poll(() => consultationToggle.textContent(), { timeout: 20_000, interval: 100 })
        .toMatch(/Poll open · Ideas \(3\)/);
      await page.getByTestId("chat-text").fill(PHONE_CHAT);
      await page.getByTestId("chat-send").tap();
      await expect
        .poll(() => chatTexts(page), { timeout: 20_000, interval: 100 })
        .toEqual([`Vera: ${VR_CHAT}`, `Dana: ${DESK_CHAT}`, `Pim: ${PHONE_CHAT}`]);
      await expect
        .poll(async () => (await participantNamed(page, "Pim"))?.handRaised, { timeout: 20_000 })
        .toBe(true);
      // Folded headers and the open chat (its log scrolls past a few lines) leave most of the hall in view;
      // with every panel open they filled the space between the floor status and the bottom bar.
      const { side, viewport } = await sidePanelsHeight(page);
      expect(side, "the side panels leave the hall in view").toBeLessThan(viewport * 0.4);
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
    "unfolds the phone's consultation panel when a new poll opens, folding the chat",
    async () => {
      const page = phone.page;
      expect(await page.getByTestId("consultation-toggle").getAttribute("aria-expanded")).toBe("false");
      await createOpenPoll(facilitator.page, "And a second bench?", "single", "Yes\nNo");
      await expect
        .poll(() => page.getByTestId("consultation-toggle").getAttribute("aria-expanded"), {
          timeout: 20_000,
          interval: 100,
        })
        .toBe("true");
      expect(await page.getByTestId("chat-toggle").getAttribute("aria-expanded")).toBe("false");
      expect(await page.getByTestId("poll-card").textContent()).toContain("And a second bench?");
    },
    VR_TEST_TIMEOUT_MS,
  );

  it("logged no errors", () => {
    for (const browser of [facilitator, desk, phone, headset]) expect(browser.errors).toEqual([]);
  });
});
