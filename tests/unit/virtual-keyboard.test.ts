import { describe, expect, it } from "vitest";
import {
  EMPTY_DRAFT,
  type KeyboardDraft,
  type KeyPress,
  keyRows,
  pressKey,
} from "../../client/src/xr/virtual-keyboard.ts";

function type(keys: readonly KeyPress[], max = 500, from: KeyboardDraft = EMPTY_DRAFT): KeyboardDraft {
  return keys.reduce((draft, key) => pressKey(draft, key, max), from);
}

const char = (c: string): KeyPress => ({ kind: "char", char: c });

describe("the headset keyboard", () => {
  it("types letters, one capital after shift, spaces and deletes", () => {
    const draft = type([
      { kind: "shift" },
      char("H"),
      char("i"),
      { kind: "space" },
      char("x"),
      { kind: "delete" },
    ]);
    expect(draft.text).toBe("Hi ");
    expect(draft.shift).toBe(false);
  });

  it("shows capitals while shifted and switches to digits, symbols and punctuation", () => {
    expect(keyRows(type([{ kind: "shift" }]))[0]?.slice(0, 3)).toEqual(["Q", "W", "E"]);
    const more = type([{ kind: "layer" }]);
    expect(keyRows(more).flat()).toEqual(expect.arrayContaining(["1", "@", "?", '"']));
    expect(type([char("?"), { kind: "layer" }], 500, more)).toMatchObject({ text: "?", layer: "letters" });
  });

  it("stops at the longest text the room accepts and deletes whole characters", () => {
    const full = type([char("a"), char("b"), char("c")], 2);
    expect(full.text).toBe("ab");
    expect(type([{ kind: "space" }], 2, full).text).toBe("ab");
    expect(type([{ kind: "delete" }], 5, { ...EMPTY_DRAFT, text: "a🙂" }).text).toBe("a");
    expect(type([{ kind: "delete" }]).text).toBe("");
  });
});
