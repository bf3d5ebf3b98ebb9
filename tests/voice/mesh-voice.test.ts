/**
 * Peer-to-peer voice in real browsers (no LiveKit configured): Ada hears Ben on her left and Cleo on
 * her right, Ben's mute silences him at once, Cleo fades out when she walks across the hall, and at
 * discussion tables Cleo's voice from the other table fades while Ben's at Ada's table stays.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hook, waitUntil } from "../support/page-hook.ts";
import {
  cleoOnTheFloorFromAfar,
  expectEvenAndClear,
  expectSpeakersPlayTheMix,
  FAR_AWAY,
  hearBenAndCleo,
  listen,
  loudness,
  type Meeting,
  muteBen,
  startMeeting,
  startVoiceServer,
  TONES,
  timeUntil,
  type VoiceServer,
  waitUntilBenAndCleoSpeak,
} from "./voice-meeting.ts";

let server: VoiceServer;
let meeting: Meeting;

beforeAll(async () => {
  server = await startVoiceServer();
  meeting = await startMeeting(server);
});

afterAll(async () => {
  await meeting?.close();
  await server?.stop();
});

describe("peer-to-peer voice", () => {
  it("uses the mesh when the server has no LiveKit", async () => {
    const { ada } = meeting.people;
    await waitUntil(ada.page, "voice to connect", "h.voice().mode === 'mesh'");
  });

  it("places Ben's voice on Ada's left and Cleo's on her right", async () => {
    const heard = await hearBenAndCleo(meeting, "mesh");
    expect(heard.left[0]).toBeGreaterThan(1.5 * (heard.right[0] ?? 0));
    expect(heard.right[1]).toBeGreaterThan(1.5 * (heard.left[1] ?? 0));
    // The speaking indicator lights for both at Ada's.
    await waitUntilBenAndCleoSpeak(meeting);
  });

  it("plays the mix to Ada's speakers through the echo-cancelled loopback, still in stereo", async () => {
    await expectSpeakersPlayTheMix(meeting, "mesh");
  });

  it("silences Ben at Ada within a second of his mute, while Cleo is still heard", async () => {
    const { ada } = meeting.people;
    const elapsed = await muteBen(meeting, "mesh");
    expect(elapsed).toBeLessThan(1000);
    expect(await loudness(ada.page, TONES.cleo)).toBeGreaterThan(0.02);
    // Silence comes over the peer link; the muted flag over the room's state, which may come later.
    await expect
      .poll(
        async () => {
          const participants =
            (await hook<{ id: string; muted: boolean }[]>(ada.page, "h.participants()")) ?? [];
          return participants.find((p) => p.id === meeting.ids.ben)?.muted;
        },
        { timeout: 5_000 },
      )
      .toBe(true);
  });

  it("fades Cleo out when she walks out of hearing range", async () => {
    const { ada, cleo } = meeting.people;
    await hook(cleo.page, `h.teleport(${FAR_AWAY.x}, ${FAR_AWAY.z}, ${FAR_AWAY.yaw})`);
    const elapsed = await timeUntil(
      "Cleo's tone to fade at Ada",
      () => loudness(ada.page, TONES.cleo),
      (v) => v < 0.005,
      8000,
    );
    console.log(`mesh: Cleo inaudible at Ada ${elapsed.toFixed(0)} ms after walking away`);
  });

  it("carries whoever has the floor to Ada through the PA, evenly, even from out of range", async () => {
    expectEvenAndClear(await cleoOnTheFloorFromAfar(meeting, "mesh"));
  });

  it("fades voices from the other discussion table and brings them back after the round", async () => {
    const { ada } = meeting.people;
    const { ids } = meeting;
    const before = await hearBenAndCleo(meeting, "mesh before tables");
    const ask = async (type: string, body: unknown) => {
      const answer = await hook<{ ok: boolean }>(
        ada.page,
        `h.request(${JSON.stringify(type)}, ${JSON.stringify(body)})`,
      );
      expect(answer, `${type} ${JSON.stringify(body)}`).toMatchObject({ ok: true });
    };
    await ask("tables_split", { count: 2, mode: "assign" });
    // Ada and Ben at table 0, Cleo at table 1, whatever the round-robin dealt.
    await ask("choose_table", { table: 0, participantId: ids.ada });
    await ask("choose_table", { table: 0, participantId: ids.ben });
    await ask("choose_table", { table: 1, participantId: ids.cleo });
    const level = (heard: { left: number[]; right: number[] }, i: number) =>
      Math.hypot(heard.left[i] ?? 0, heard.right[i] ?? 0);
    const cleoBefore = level(before, 1);
    const benBefore = level(before, 0);
    const elapsed = await timeUntil(
      "Cleo to fade at Ada",
      () => loudness(ada.page, TONES.cleo),
      (v) => v < cleoBefore / 10,
      5000,
    );
    const during = await listen(ada.page, [TONES.ben, TONES.cleo]);
    console.log(
      `mesh tables: Cleo faded after ${elapsed.toFixed(0)} ms; Ben ${benBefore.toFixed(4)} -> ${level(during, 0).toFixed(4)}, ` +
        `Cleo ${cleoBefore.toFixed(4)} -> ${level(during, 1).toFixed(4)}`,
    );
    expect(level(during, 1)).toBeLessThan(cleoBefore / 10);
    expect(level(during, 0)).toBeGreaterThan(benBefore * 0.7);
    const gains = await hook<Record<string, { table: number }>>(ada.page, "h.voice().gains");
    expect(gains[ids.ben]?.table).toBe(1);
    expect(gains[ids.cleo]?.table).toBeLessThanOrEqual(0.1);

    await ask("tables_end", {});
    await timeUntil(
      "Cleo back at Ada",
      () => loudness(ada.page, TONES.cleo),
      (v) => v > cleoBefore * 0.7,
      5000,
    );
    const after = await listen(ada.page, [TONES.ben, TONES.cleo]);
    expect(level(after, 0)).toBeGreaterThan(benBefore * 0.7);
    expect(level(after, 1)).toBeGreaterThan(cleoBefore * 0.7);
  });

  it("logged no page errors", () => {
    for (const browser of Object.values(meeting.people)) expect(browser.errors).toEqual([]);
  });
});
