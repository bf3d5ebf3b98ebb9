/**
 * The microphone from the lobby to the hall, in real browsers with fake microphones playing test tones
 * (peer-to-peer voice, so it runs in the loopback-only namespace): the lobby's mic test moves its level
 * meter; "join muted" switched off opens the microphone on entering; M mutes and unmutes; with
 * push-to-talk, holding Space talks and letting go mutes. Each time the speaker's own indicator, the
 * room state a facilitator holds and what the facilitator hears agree. Someone who refuses the
 * microphone is told so clearly and still joins and listens.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, saveScreenshot, type TestBrowser } from "../support/browser.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import { writeToneWav } from "../support/tone-wav.ts";
import {
  assertLoopbackOnly,
  loudness,
  startVoiceServer,
  timeUntil,
  untilHeard,
  type VoiceServer,
} from "./voice-meeting.ts";

const TONES = { eli: 700, dora: 1900 } as const;
const PEER_FLAGS = ["--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns"];

let server: VoiceServer;
let folder: string;
let consultation: { joinCode: string; facilitatorKey: string };
/** The facilitator, who listens and reads the room's state. */
let eli: TestBrowser;
/** A citizen with a microphone she allows. */
let dora: TestBrowser;
/** A citizen who refuses the microphone. */
let finn: TestBrowser;
let doraId = "";

function fakeMicrophone(name: keyof typeof TONES): string[] {
  const wav = path.join(folder, `${name}.wav`);
  writeToneWav(wav, TONES[name], 60);
  return ["--use-fake-device-for-media-stream", `--use-file-for-fake-audio-capture=${wav}`];
}

/** Dora's muted flag in the room's state, as Eli's page holds it. */
async function doraMutedAtEli(): Promise<boolean | undefined> {
  const list = (await hook<{ id: string; muted: boolean }[]>(eli.page, "h.participants()")) ?? [];
  return list.find((participant) => participant.id === doraId)?.muted;
}

/** Whether the page's own microphone indicator says muted. */
async function indicatorMuted(page: Page): Promise<boolean> {
  return (await page.getByTestId("mic-status").getAttribute("data-muted")) === "true";
}

/** Waits until Dora's indicator, the room state at Eli's and Eli's ears all say `muted`; returns the ms until the state said so. */
async function expectDoraMuted(muted: boolean, label: string): Promise<number> {
  const started = performance.now();
  const stateMs = await timeUntil(
    `Dora muted=${muted} in Eli's room state`,
    doraMutedAtEli,
    (m) => m === muted,
    5000,
    20,
  );
  const indicatorMs = await timeUntil(
    `Dora's own indicator muted=${muted}`,
    () => indicatorMuted(dora.page),
    (m) => m === muted,
    5000,
    20,
  );
  const heardMs = await timeUntil(
    muted ? "Dora's tone gone at Eli" : "Dora's tone at Eli",
    () => loudness(eli.page, TONES.dora),
    (level) => (muted ? level < 0.005 : level > 0.02),
    muted ? 3000 : 20_000,
    50,
  );
  console.log(
    `${label}: Dora ${muted ? "muted" : "unmuted"} in Eli's state after ${stateMs.toFixed(0)} ms, ` +
      `her indicator after ${indicatorMs.toFixed(0)} ms, her tone ${muted ? "gone" : "heard"} at Eli after ` +
      `${(performance.now() - started).toFixed(0)} ms (${heardMs.toFixed(0)} ms after the indicator)`,
  );
  return stateMs;
}

/** Opens the join page and gives a name (the door may ask to accept the code of conduct). */
async function openDoor(browser: TestBrowser, url: string, name: string): Promise<void> {
  await browser.page.goto(url);
  await browser.page.getByTestId("display-name").fill(name);
  const conduct = browser.page.getByTestId("accept-conduct");
  if ((await conduct.count()) > 0) await conduct.check();
}

async function enterHall(browser: TestBrowser, name: string): Promise<string> {
  await browser.page.getByTestId("enter-hall").click();
  await waitUntil(browser.page, `${name}'s hall`, "h.ready", 45_000);
  // Keys go to the hall, not to a field or button that kept the focus.
  await browser.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  return (await hook<string>(browser.page, "h.participantId")) ?? "";
}

beforeAll(async () => {
  assertLoopbackOnly();
  folder = mkdtempSync(path.join(tmpdir(), "plenum-mic-"));
  server = await startVoiceServer();
  const response = await fetch(`${server.url}/api/consultations`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Microphone check", language: "en" }),
  });
  consultation = (await response.json()) as typeof consultation;
  const small = { width: 640, height: 480 };
  [eli, dora, finn] = await Promise.all([
    launchBrowser(small, [...fakeMicrophone("eli"), "--use-fake-ui-for-media-stream", ...PEER_FLAGS]),
    launchBrowser(small, [...fakeMicrophone("dora"), "--use-fake-ui-for-media-stream", ...PEER_FLAGS]),
    // No fake permission prompt: the browser refuses the microphone.
    launchBrowser(small, [...fakeMicrophone("eli"), ...PEER_FLAGS]),
  ]);
  await openDoor(
    eli,
    `${server.url}/f/${encodeURIComponent(consultation.facilitatorKey)}?test=1&voice=1`,
    "Eli",
  );
  await enterHall(eli, "Eli");
  // Citizens may speak without the floor in an open discussion.
  await hook(eli.page, `h.send("set_mode", { mode: "open" })`);
});

afterAll(async () => {
  await Promise.all([eli?.close(), dora?.close(), finn?.close()]);
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("the microphone from the lobby to the hall", () => {
  it("moves the lobby's level meter with the microphone's tone", async () => {
    await openDoor(dora, `${server.url}/j/${consultation.joinCode}?test=1&voice=1`, "Dora");
    expect(await dora.page.getByTestId("microphone-level").count()).toBe(0);
    await dora.page.getByTestId("microphone-test").click();
    const meter = dora.page.getByTestId("microphone-level");
    const level = () => meter.evaluate((element) => (element as HTMLMeterElement).value);
    await timeUntil("the meter to move", level, (value) => value > 0.1, 10_000, 50);
    const readings: number[] = [];
    for (let i = 0; i < 5; i++) {
      readings.push(await level());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    console.log(`lobby meter with Dora's tone: ${readings.map((value) => value.toFixed(2)).join(", ")}`);
    expect(Math.min(...readings)).toBeGreaterThan(0.1);
    await saveScreenshot(dora.page, "voice-lobby-meter");
    await dora.page.getByTestId("microphone-test").click();
    await expect.poll(() => meter.count()).toBe(0);
  });

  it("opens the microphone on entering when 'join muted' is switched off", async () => {
    const joinMuted = dora.page.getByTestId("join-muted");
    expect(await joinMuted.isChecked(), "everyone joins muted unless they choose otherwise").toBe(true);
    await joinMuted.uncheck();
    doraId = await enterHall(dora, "Dora");
    await waitUntil(
      eli.page,
      "Dora in Eli's room",
      `h.participants().some(p => p.id === ${JSON.stringify(doraId)})`,
    );
    // Dora stands two metres in front of Eli, so that he hears her.
    await hook(eli.page, "h.teleport(0, 11, 0)");
    await hook(dora.page, "h.teleport(0, 9, Math.PI)");
    await expectDoraMuted(false, "join unmuted");
    await saveScreenshot(dora.page, "voice-joined-unmuted");
  });

  it("mutes and unmutes with the M key", async () => {
    await dora.page.keyboard.press("KeyM");
    const muteMs = await expectDoraMuted(true, "M key");
    await dora.page.keyboard.press("KeyM");
    const unmuteMs = await expectDoraMuted(false, "M key");
    expect(muteMs).toBeLessThan(1000);
    expect(unmuteMs).toBeLessThan(1000);
    // Muted again, ready for push-to-talk.
    await dora.page.keyboard.press("KeyM");
    await expectDoraMuted(true, "M key");
  });

  it("talks while Space is held with push-to-talk, and mutes on release", async () => {
    await dora.page.getByTestId("voice-controls").locator("summary").click();
    await dora.page.getByTestId("push-to-talk").check();
    await dora.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // With push-to-talk, M no longer opens the microphone.
    await dora.page.keyboard.press("KeyM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await doraMutedAtEli()).toBe(true);
    expect(await indicatorMuted(dora.page)).toBe(true);

    await dora.page.keyboard.down("Space");
    const holdMs = await expectDoraMuted(false, "push-to-talk held");
    await saveScreenshot(dora.page, "voice-push-to-talk-held");
    // Still open while held.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await doraMutedAtEli()).toBe(false);
    await dora.page.keyboard.up("Space");
    const releaseMs = await expectDoraMuted(true, "push-to-talk released");
    expect(holdMs).toBeLessThan(1000);
    expect(releaseMs).toBeLessThan(1000);
  });

  it("tells someone who refuses the microphone so, and lets them join and listen", async () => {
    await openDoor(finn, `${server.url}/j/${consultation.joinCode}?test=1&voice=1`, "Finn");
    await finn.page.getByTestId("microphone-test").click();
    const denied = finn.page.getByTestId("microphone-denied");
    await expect.poll(() => denied.count(), { timeout: 10_000 }).toBe(1);
    const message = (await denied.textContent()) ?? "";
    console.log(`denied message: ${message}`);
    expect(message).toMatch(/microphone/i);
    await saveScreenshot(finn.page, "voice-lobby-denied");

    const finnId = await enterHall(finn, "Finn");
    await hook(finn.page, "h.teleport(1, 9, Math.PI)");
    expect(await indicatorMuted(finn.page), "no microphone, never shown as open").toBe(true);
    await expect.poll(() => finn.page.getByTestId("voice-controls").textContent()).toContain(message);
    // Finn hears Dora while she talks.
    await dora.page.keyboard.down("Space");
    try {
      await untilHeard(finn.page, TONES.dora, "Dora's tone at Finn");
    } finally {
      await dora.page.keyboard.up("Space");
    }
    // Finn's page being ready says nothing of when Eli's copy of the room has him.
    await expect
      .poll(
        async () => {
          const list = (await hook<{ id: string; muted: boolean }[]>(eli.page, "h.participants()")) ?? [];
          return list.find((participant) => participant.id === finnId)?.muted;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
  });

  it("logged no page errors", () => {
    expect(eli.errors).toEqual([]);
    expect(dora.errors).toEqual([]);
    expect(finn.errors).toEqual([]);
  });
});
