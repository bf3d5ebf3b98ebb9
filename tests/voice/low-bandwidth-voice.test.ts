/**
 * Low-bandwidth mode over peer-to-peer voice: when Ada turns it on, her microphone is capped at
 * telephone quality on every link, what she sends shrinks accordingly, and she still hears both
 * Ben and Cleo.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VoiceUsage } from "../../client/src/voice/voice-transport.ts";
import { hook } from "../support/page-hook.ts";
import {
  hearBenAndCleo,
  listen,
  type Meeting,
  startMeeting,
  startVoiceServer,
  TONES,
  timeUntil,
  type VoiceServer,
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

const usage = async (page: Page) => (await hook<VoiceUsage | null>(page, "h.voiceUsage()")) ?? null;

/** Audio bytes a second Ada receives and sends, over a few seconds. */
async function rates(page: Page, seconds = 4): Promise<{ received: number; sent: number }> {
  const before = await usage(page);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = await usage(page);
  return {
    received: ((after?.bytesReceived ?? 0) - (before?.bytesReceived ?? 0)) / seconds,
    sent: ((after?.bytesSent ?? 0) - (before?.bytesSent ?? 0)) / seconds,
  };
}

describe("low-bandwidth mode, peer to peer", () => {
  it("caps what Ada sends, and she still hears everyone", {
    timeout: 120_000,
  }, async () => {
    const { ada } = meeting.people;
    await hearBenAndCleo(meeting, "standard");
    // Ada talks too, so that what she sends can be measured.
    await hook(ada.page, "h.setMuted(false)");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const standard = await rates(ada.page);
    const before = await usage(ada.page);
    expect(before?.sendCeilings.length).toBeGreaterThan(0);
    expect(before?.sendCeilings.every((ceiling) => ceiling === 48_000)).toBe(true);

    await ada.page.getByTestId("voice-controls").locator("summary").click();
    await ada.page.getByTestId("low-bandwidth").check();
    await timeUntil(
      "Ada's senders to be capped",
      () => usage(ada.page),
      (now) => (now?.sendCeilings.length ?? 0) > 0 && (now?.sendCeilings.every((c) => c === 12_000) ?? false),
    );
    // The encoder takes the new ceiling within a moment.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const low = await rates(ada.page);
    console.log(
      `Ada receives ${Math.round(standard.received)} B/s and sends ${Math.round(standard.sent)} B/s standard, ` +
        `${Math.round(low.received)} and ${Math.round(low.sent)} B/s in low-bandwidth mode`,
    );
    expect(low.sent).toBeGreaterThan(0);
    expect(low.sent).toBeLessThan(0.6 * standard.sent);

    const heard = await listen(ada.page, [TONES.ben, TONES.cleo]);
    expect(Math.max(heard.left[0] ?? 0, heard.right[0] ?? 0)).toBeGreaterThan(0.02);
    expect(Math.max(heard.left[1] ?? 0, heard.right[1] ?? 0)).toBeGreaterThan(0.02);
  });
});
