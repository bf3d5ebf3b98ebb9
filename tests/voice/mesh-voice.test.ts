/**
 * Peer-to-peer voice in real browsers (no LiveKit configured): Ada hears Ben on her left and Cleo on
 * her right, Ben's mute silences him at once, and Cleo fades out when she walks across the hall.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FAR_AWAY,
  hook,
  listen,
  loudness,
  type Meeting,
  startMeeting,
  startVoiceServer,
  TONES,
  timeUntil,
  type VoiceServer,
  waitFor,
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
    await waitFor(ada.page, "voice to connect", "h.voice().mode === 'mesh'");
  });

  it("places Ben's voice on Ada's left and Cleo's on her right", async () => {
    const { ada, ben, cleo } = meeting.people;
    await hook(ben.page, "h.setMuted(false)");
    await hook(cleo.page, "h.setMuted(false)");
    const { ids } = meeting;
    await waitFor(
      ada.page,
      "Ada to receive Ben and Cleo",
      `h.voice().receiving.includes(${JSON.stringify(ids.ben)}) && h.voice().receiving.includes(${JSON.stringify(ids.cleo)})`,
      30_000,
    );
    await timeUntil(
      "both tones at Ada",
      () => listen(ada.page, [TONES.ben, TONES.cleo], 1),
      (r) =>
        Math.max(r.left[0] ?? 0, r.right[0] ?? 0) > 0.02 && Math.max(r.left[1] ?? 0, r.right[1] ?? 0) > 0.02,
      20_000,
      200,
    );
    const heard = await listen(ada.page, [TONES.ben, TONES.cleo]);
    console.log(
      `mesh: Ben ${TONES.ben} Hz L=${heard.left[0]?.toFixed(4)} R=${heard.right[0]?.toFixed(4)}; ` +
        `Cleo ${TONES.cleo} Hz L=${heard.left[1]?.toFixed(4)} R=${heard.right[1]?.toFixed(4)}`,
    );
    expect(heard.left[0]).toBeGreaterThan(1.5 * (heard.right[0] ?? 0));
    expect(heard.right[1]).toBeGreaterThan(1.5 * (heard.left[1] ?? 0));
    // The speaking indicator lights for both at Ada's.
    await waitFor(
      ada.page,
      "Ben and Cleo to show as speaking",
      `h.voice().speaking.includes(${JSON.stringify(ids.ben)}) && h.voice().speaking.includes(${JSON.stringify(ids.cleo)})`,
      5000,
    );
  });

  it("silences Ben at Ada within a second of his mute, while Cleo is still heard", async () => {
    const { ada, ben } = meeting.people;
    await hook(ben.page, "h.setMuted(true)");
    const elapsed = await timeUntil(
      "Ben's tone to stop at Ada",
      () => loudness(ada.page, TONES.ben),
      (v) => v < 0.005,
      3000,
    );
    console.log(`mesh: Ben silent at Ada ${elapsed.toFixed(0)} ms after muting`);
    expect(elapsed).toBeLessThan(1000);
    expect(await loudness(ada.page, TONES.cleo)).toBeGreaterThan(0.02);
    const participants = (await hook<{ id: string; muted: boolean }[]>(ada.page, "h.participants()")) ?? [];
    expect(participants.find((p) => p.id === meeting.ids.ben)?.muted).toBe(true);
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

  it("logged no page errors", () => {
    for (const browser of Object.values(meeting.people)) expect(browser.errors).toEqual([]);
  });
});
