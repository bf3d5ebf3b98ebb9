import { describe, expect, it } from "vitest";
import type { Language } from "../../shared/protocol/roles.ts";
import {
  advanceClocks,
  type ChannelClocks,
  type ChannelTime,
  interpretationMinutes,
  liveChannels,
} from "../../shared/voice/interpretation-time.ts";
import type { Interpreter } from "../../shared/voice/interpreter-channels.ts";

const interpreter = (id: string, interpreting: string, live: boolean): Interpreter => ({
  id,
  languages: ["nl", "fr"],
  interpreting,
  live,
});

/** Runs the clocks through `steps` (the channels on the air from each time on) and returns what ended. */
function run(steps: readonly [number, readonly Language[]][]): {
  clocks: ChannelClocks;
  ended: ChannelTime[];
} {
  let clocks: ChannelClocks = new Map();
  const ended: ChannelTime[] = [];
  for (const [at, live] of steps) {
    const next = advanceClocks(clocks, new Set(live), at);
    clocks = next.clocks;
    ended.push(...next.ended);
  }
  return { clocks, ended };
}

describe("channels on the air", () => {
  it("are the languages someone is live into, once each; a chosen channel off the air is not one", () => {
    expect(
      liveChannels([
        interpreter("anna", "fr", true),
        interpreter("bram", "fr", true),
        interpreter("cas", "nl", false),
        interpreter("dirk", "", true),
      ]),
    ).toEqual(new Set(["fr"]));
  });
});

describe("the channel clock", () => {
  it("counts a stretch from going live to going off the air", () => {
    const { clocks, ended } = run([
      [1_000, ["fr"]],
      [61_000, []],
    ]);
    expect(ended).toEqual([{ language: "fr", ms: 60_000 }]);
    expect(clocks.size).toBe(0);
  });

  it("counts a handover once, as one continuous stretch: the channel never went off the air", () => {
    // Anna is live into French, Bram takes over at 30 s (Anna is displaced in the same command).
    const before = liveChannels([interpreter("anna", "fr", true), interpreter("bram", "fr", false)]);
    const after = liveChannels([interpreter("anna", "fr", false), interpreter("bram", "fr", true)]);
    const { ended } = run([
      [0, [...before]],
      [30_000, [...after]],
      [90_000, []],
    ]);
    expect(ended).toEqual([{ language: "fr", ms: 90_000 }]);
  });

  it("keeps each language's clock apart, and an interpreter switching channel moves the time", () => {
    const { ended, clocks } = run([
      [0, ["fr"]],
      [10_000, ["fr", "nl"]],
      [20_000, ["nl"]],
    ]);
    expect(ended).toEqual([{ language: "fr", ms: 20_000 }]);
    expect([...clocks]).toEqual([["nl", 10_000]]);
  });

  it("never counts a stretch backwards when the clock was set back", () => {
    expect(
      run([
        [5_000, ["en"]],
        [4_000, []],
      ]).ended,
    ).toEqual([{ language: "en", ms: 0 }]);
  });
});

describe("minutes per language", () => {
  it("sums the stretches of each language, to one decimal, every language of the hall present", () => {
    expect(
      interpretationMinutes([
        { language: "fr", ms: 60_000 },
        { language: "fr", ms: 33_000 },
        { language: "nl", ms: 2_999 },
      ]),
    ).toEqual({ en: 0, nl: 0, fr: 1.6 });
  });
});
