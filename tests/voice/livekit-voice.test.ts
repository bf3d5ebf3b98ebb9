/**
 * Voice through a real LiveKit server on loopback, which posts its webhooks to Plenum as deployed: Ada
 * hears Ben on her left and Cleo on her right, Ben's mute silences him within a second, and when Cleo
 * walks out of hearing range, or sits at another discussion table, Ada unsubscribes from her and her
 * tone disappears.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveKitServer } from "../support/livekit-server.ts";
import { hook, waitUntil } from "../support/page-hook.ts";
import {
  assertLoopbackOnly,
  cleoOnTheFloorFromAfar,
  expectEvenAndClear,
  expectSpeakersPlayTheMix,
  FAR_AWAY,
  hearBenAndCleo,
  keepPublishing,
  loudness,
  type Meeting,
  muteBen,
  startLiveKitVoice,
  startMeeting,
  TONES,
  timeUntil,
  type VoiceServer,
  waitUntilBenAndCleoSpeak,
} from "./voice-meeting.ts";

let liveKit: LiveKitServer;
let server: VoiceServer;
let meeting: Meeting;

beforeAll(async () => {
  assertLoopbackOnly();
  ({ liveKit, server } = await startLiveKitVoice());
  meeting = await startMeeting(server);
});

afterAll(async () => {
  await meeting?.close();
  await server?.stop();
  await liveKit?.stop();
});

describe("voice through LiveKit", () => {
  it("connects to the LiveKit server the server names", async () => {
    const { ada } = meeting.people;
    await waitUntil(ada.page, "voice to connect", "h.voice().mode === 'livekit'");
  });

  it("places Ben's voice on Ada's left and Cleo's on her right", async () => {
    const heard = await hearBenAndCleo(meeting, "livekit");
    expect(heard.left[0]).toBeGreaterThan(1.5 * (heard.right[0] ?? 0));
    expect(heard.right[1]).toBeGreaterThan(1.5 * (heard.left[1] ?? 0));
    await waitUntilBenAndCleoSpeak(meeting);
  });

  it("plays the mix to Ada's speakers through the echo-cancelled loopback, still in stereo", async () => {
    await expectSpeakersPlayTheMix(meeting, "livekit");
  });

  it("silences Ben at Ada within a second of his mute, while Cleo is still heard", async () => {
    const { ada } = meeting.people;
    const elapsed = await muteBen(meeting, "livekit");
    expect(elapsed).toBeLessThan(1000);
    expect(await loudness(ada.page, TONES.cleo)).toBeGreaterThan(0.02);
  });

  it("unsubscribes from Cleo when she walks out of hearing range, and her tone is gone", async () => {
    const { ada, cleo } = meeting.people;
    const cleoId = JSON.stringify(meeting.ids.cleo);
    await hook(cleo.page, `h.teleport(${FAR_AWAY.x}, ${FAR_AWAY.z}, ${FAR_AWAY.yaw})`);
    await waitUntil(
      ada.page,
      "Ada to stop receiving Cleo",
      `!h.voice().receiving.includes(${cleoId})`,
      10_000,
    );
    const elapsed = await timeUntil(
      "Cleo's tone to be gone at Ada",
      () => loudness(ada.page, TONES.cleo),
      (v) => v < 0.005,
      2000,
    );
    console.log(`livekit: Cleo unsubscribed, her tone gone at Ada ${elapsed.toFixed(0)} ms later`);
    // Walking back brings her voice back.
    await hook(cleo.page, "h.teleport(2.5, 11, 0)");
    await waitUntil(ada.page, "Ada to receive Cleo again", `h.voice().receiving.includes(${cleoId})`, 15_000);
  });

  it("carries whoever has the floor to Ada through the PA, evenly, even from out of range", async () => {
    expectEvenAndClear(await cleoOnTheFloorFromAfar(meeting, "livekit"));
  });

  it("receives only Ada's own table during a table round, plus whoever has the floor", async () => {
    const { ada } = meeting.people;
    const { ids } = meeting;
    const cleoId = JSON.stringify(ids.cleo);
    const ask = async (type: string, body: unknown) => {
      const answer = await hook<{ ok: boolean }>(
        ada.page,
        `h.request(${JSON.stringify(type)}, ${JSON.stringify(body)})`,
      );
      expect(answer, `${type} ${JSON.stringify(body)}`).toMatchObject({ ok: true });
    };
    await waitUntil(ada.page, "Ada to receive Cleo", `h.voice().receiving.includes(${cleoId})`, 15_000);
    await ask("tables_split", { count: 2, mode: "assign" });
    await ask("choose_table", { table: 0, participantId: ids.ada });
    await ask("choose_table", { table: 0, participantId: ids.ben });
    await ask("choose_table", { table: 1, participantId: ids.cleo });
    await waitUntil(
      ada.page,
      "Ada to unsubscribe from Cleo at the other table",
      `!h.voice().receiving.includes(${cleoId})`,
      10_000,
    );
    expect(await hook<string[]>(ada.page, "h.voice().receiving")).toContain(ids.ben);
    await timeUntil(
      "Cleo's tone gone at Ada",
      () => loudness(ada.page, TONES.cleo),
      (v) => v < 0.005,
      3000,
    );
    // The floor holder is received from any table.
    await hook(ada.page, `h.send("give_floor", { participantId: ${cleoId} })`);
    await waitUntil(
      ada.page,
      "Ada to receive Cleo on the floor",
      `h.voice().receiving.includes(${cleoId})`,
      10_000,
    );
    await hook(ada.page, `h.send("take_floor", {})`);
    await waitUntil(ada.page, "Cleo dropped again", `!h.voice().receiving.includes(${cleoId})`, 10_000);
    await ask("tables_end", {});
    await waitUntil(
      ada.page,
      "Ada to receive Cleo after the round",
      `h.voice().receiving.includes(${cleoId})`,
      15_000,
    );
    await timeUntil(
      "Cleo heard at Ada after the round",
      () => loudness(ada.page, TONES.cleo),
      (v) => v > 0.02,
      15_000,
    );
  });

  it("keeps a facilitator-muted citizen silent at every listener, even when her client keeps publishing", async () => {
    const { ada, cleo } = meeting.people;
    const cleoId = JSON.stringify(meeting.ids.cleo);
    await timeUntil(
      "Cleo heard at Ada again",
      () => loudness(ada.page, TONES.cleo),
      (v) => v > 0.02,
      15_000,
    );
    const tamper = keepPublishing(cleo.page);
    try {
      await hook(ada.page, `h.send("mute_participant", { participantId: ${cleoId}, reason: "test" })`);
      const elapsed = await timeUntil(
        "Cleo's tone to stop at Ada",
        () => loudness(ada.page, TONES.cleo),
        (v) => v < 0.005,
        3000,
      );
      console.log(`livekit: facilitator mute silenced Cleo at Ada in ${elapsed.toFixed(0)} ms`);
      expect(elapsed).toBeLessThan(1000);
      // She stays silent while her client keeps trying.
      for (let i = 0; i < 8; i++) {
        expect(await loudness(ada.page, TONES.cleo)).toBeLessThan(0.005);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      await tamper.stop();
    }
    expect(tamper.attempts.length).toBeGreaterThan(3);
    console.log(
      `livekit: Cleo's client tried to publish ${tamper.attempts.length} times: ${[...new Set(tamper.attempts)].join(" | ")}`,
    );
  });

  it("logged no page errors", () => {
    for (const browser of Object.values(meeting.people)) expect(browser.errors).toEqual([]);
  });
});
