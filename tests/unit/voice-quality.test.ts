import { describe, expect, it } from "vitest";
import { LOW_BANDWIDTH_VOICE, STANDARD_VOICE, voiceQuality } from "../../client/src/voice/voice-quality.ts";

describe("voice quality", () => {
  it("sends at telephone quality without redundant packets in low-bandwidth mode", () => {
    expect(voiceQuality(false)).toBe(STANDARD_VOICE);
    expect(voiceQuality(true)).toBe(LOW_BANDWIDTH_VOICE);
    expect(STANDARD_VOICE).toEqual({ sendBitrate: 48_000, redundancy: true });
    expect(LOW_BANDWIDTH_VOICE).toEqual({ sendBitrate: 12_000, redundancy: false });
  });
});
