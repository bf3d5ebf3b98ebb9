import { describe, expect, it } from "vitest";
import { OTHER_TABLE_GAIN, sharesTable, tableGain } from "../../shared/voice/table-voices.ts";

describe("voices at discussion tables", () => {
  it("leaves everything as it is for a listener in the plenary", () => {
    expect(tableGain(-1, -1)).toBe(1);
    expect(tableGain(-1, 0)).toBe(1);
    expect(tableGain(-1, 3)).toBe(1);
  });

  it("keeps voices at one's own table at full level", () => {
    expect(tableGain(0, 0)).toBe(1);
    expect(tableGain(4, 4)).toBe(1);
  });

  it("fades voices from other tables and from the plenary to a murmur", () => {
    expect(tableGain(0, 1)).toBe(OTHER_TABLE_GAIN);
    expect(tableGain(2, 0)).toBe(OTHER_TABLE_GAIN);
    expect(tableGain(1, -1)).toBe(OTHER_TABLE_GAIN);
    // At least 20 dB quieter, so that neighbouring tables do not talk over each other.
    expect(OTHER_TABLE_GAIN).toBeLessThanOrEqual(0.1);
    expect(OTHER_TABLE_GAIN).toBeGreaterThanOrEqual(0);
  });

  it("shares a table with everyone from the plenary, and only with one's own table when seated at one", () => {
    expect(sharesTable(-1, 3)).toBe(true);
    expect(sharesTable(2, 2)).toBe(true);
    expect(sharesTable(2, 1)).toBe(false);
    expect(sharesTable(2, -1)).toBe(false);
  });
});
