/**
 * Peer-to-peer voice in real browsers (no LiveKit configured): Ada hears Ben on her left and Cleo on
 * her right, Ben's mute silences him at once, and Cleo fades out when she walks across the hall.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hook, waitUntil } from "../support/page-hook.ts";
import {
  cleoOnTheFloorFromAfar,
  expectEvenAndClear,
  FAR_AWAY,
  hearBenAndCleo,
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

  it("silences Ben at Ada within a second of his mute, while Cleo is still heard", async () => {
    const { ada } = meeting.people;
    const elapsed = await muteBen(meeting, "mesh");
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

  it("carries whoever has the floor to Ada through the PA, evenly, even from out of range", async () => {
    expectEvenAndClear(await cleoOnTheFloorFromAfar(meeting, "mesh"));
  });

  it("logged no page errors", () => {
    for (const browser of Object.values(meeting.people)) expect(browser.errors).toEqual([]);
  });
});
