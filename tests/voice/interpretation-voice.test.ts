/**
 * Interpretation through the peer-to-peer mesh, in real browsers with fake microphones: Ben holds the
 * floor from across the hall with his tone, Cleo interprets into French with hers, standing right beside
 * Ada, the listener. On "original" Ada hears Ben through the PA and nothing of Cleo; once she picks French
 * she hears Cleo at the PA's level, not in space, and Ben at least 10 dB lower; an interpreter off the
 * air is silent, and Ben is back at full level.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hook, waitUntil } from "../support/page-hook.ts";
import {
  FAR_AWAY,
  listen,
  loudness,
  type Meeting,
  startMeeting,
  startVoiceServer,
  TONES,
  timeUntil,
  type VoiceServer,
} from "./voice-meeting.ts";

let server: VoiceServer;
let meeting: Meeting;
const toDb = (ratio: number) => 20 * Math.log10(ratio);
/** Both ears together, as `loudness` measures one tone. */
const level = (reading: { left: number[]; right: number[] }, index: number) =>
  Math.hypot(reading.left[index] ?? 0, reading.right[index] ?? 0);

beforeAll(async () => {
  server = await startVoiceServer();
  meeting = await startMeeting(server);
});

afterAll(async () => {
  await meeting?.close();
  await server?.stop();
});

describe("interpretation on the peer-to-peer mesh", () => {
  let original = 0;

  it("gives a listener on 'original' the floor and nothing of the interpreter beside her", async () => {
    const { ada, ben, cleo } = meeting.people;
    const { ids } = meeting;
    await waitUntil(ada.page, "voice to connect", "h.voice().mode === 'mesh'");
    await hook(
      ada.page,
      `h.send("assign_interpreter", { participantId: ${JSON.stringify(ids.cleo)}, languages: ["nl", "fr"] })`,
    );
    await waitUntil(
      cleo.page,
      "Cleo an interpreter",
      "h.participants().some((p) => p.role === 'interpreter')",
    );
    await hook(cleo.page, `h.send("interpret_into", { language: "fr" })`);
    await hook(cleo.page, `h.send("interpreter_live", { live: true })`);
    // Her microphone opens only once the room lets her speak: live in her channel.
    await waitUntil(
      cleo.page,
      "Cleo live",
      `h.participants().some((p) => p.id === ${JSON.stringify(ids.cleo)} && p.canSpeak)`,
    );
    await hook(cleo.page, "h.setMuted(false)");
    await waitUntil(cleo.page, "Cleo's microphone open", "!h.voice().muted");
    await hook(ben.page, `h.teleport(${FAR_AWAY.x}, ${FAR_AWAY.z}, ${FAR_AWAY.yaw})`);
    await hook(ada.page, `h.send("give_floor", { participantId: ${JSON.stringify(ids.ben)} })`);
    await hook(ben.page, "h.setMuted(false)");
    expect((await hook<{ choice: string }>(ada.page, "h.listening()")).choice).toBe("original");
    await waitUntil(
      ada.page,
      "Ada linked to Cleo",
      `h.voice().receiving.includes(${JSON.stringify(ids.cleo)})`,
      30_000,
    );
    await timeUntil(
      "Ben through the PA",
      () => loudness(ada.page, TONES.ben),
      (v) => v > 0.02,
      30_000,
      200,
    );
    // The reference is Ben's settled level: the first second of a voice still ramps up.
    let previous = 0;
    await timeUntil(
      "Ben's level to settle",
      () => loudness(ada.page, TONES.ben),
      (v) => {
        const settled = previous > 0 && Math.abs(toDb(v / previous)) < 1;
        previous = v;
        return settled;
      },
      10_000,
      500,
    );
    const heard = await listen(ada.page, [TONES.ben, TONES.cleo]);
    original = level(heard, 0);
    console.log(`mesh original: Ben ${original.toFixed(4)}, Cleo ${level(heard, 1).toFixed(4)}`);
    expect(level(heard, 1), "Cleo, 2.5 m away, is not heard on the original").toBeLessThan(0.005);
  });

  it("plays the French interpreter at PA level and ducks the floor by at least 10 dB, within 500 ms", async () => {
    const { ada } = meeting.people;
    const switched = performance.now();
    await hook(ada.page, `h.setListening("fr")`);
    await timeUntil(
      "Cleo in French",
      () => loudness(ada.page, TONES.cleo),
      (v) => v > 0.02,
      3000,
      25,
    );
    await timeUntil(
      "Ben ducked",
      () => loudness(ada.page, TONES.ben),
      (v) => toDb(v / original) <= -10,
      3000,
      25,
    );
    const elapsed = performance.now() - switched;
    const heard = await listen(ada.page, [TONES.ben, TONES.cleo]);
    const ben = level(heard, 0);
    const cleo = level(heard, 1);
    console.log(
      `mesh French: Cleo ${cleo.toFixed(4)} after ${elapsed.toFixed(0)} ms, Ben ${ben.toFixed(4)} (${toDb(ben / original).toFixed(1)} dB)`,
    );
    expect(elapsed).toBeLessThan(500);
    expect(toDb(ben / original)).toBeLessThanOrEqual(-10);
    // The same tone level through the same PA gain: within 3 dB of the floor on the original.
    expect(Math.abs(toDb(cleo / original))).toBeLessThan(3);
    // Hall-wide, not in space: even in both ears although Cleo stands on Ada's right.
    expect(
      Math.min(heard.left[1] ?? 0, heard.right[1] ?? 0) / Math.max(heard.left[1] ?? 0, heard.right[1] ?? 0),
    ).toBeGreaterThan(0.6);
  });

  it("silences an interpreter who goes off the air, and gives the floor back its full level", async () => {
    const { ada, cleo } = meeting.people;
    await hook(cleo.page, `h.send("interpreter_live", { live: false })`);
    await timeUntil(
      "Cleo silent",
      () => loudness(ada.page, TONES.cleo),
      (v) => v < 0.005,
      3000,
      50,
    );
    await timeUntil(
      "Ben back at full level",
      () => loudness(ada.page, TONES.ben),
      (v) => toDb(v / original) > -3,
      3000,
      50,
    );
  });
});
