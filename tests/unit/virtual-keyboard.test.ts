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

  it("types Dutch and French accents from their own layer, capitals with shift, and goes back to letters", () => {
    const accents = type([{ kind: "accents" }]);
    expect(accents.layer).toBe("accents");
    expect(keyRows(accents).flat()).toEqual(expect.arrayContaining([..."àâäæçéèêëîïôœùûüÿ"]));
    const shifted = type([{ kind: "shift" }], 500, accents);
    expect(shifted.layer).toBe("accents");
    expect(keyRows(shifted)[0]?.slice(0, 5)).toEqual(["À", "Â", "Ä", "Æ", "Ç"]);
    const typed = type([char("É"), char("t"), char("é"), char("«")], 500, shifted);
    expect(typed).toMatchObject({ text: "Été«", shift: false, layer: "accents" });
    expect(type([{ kind: "accents" }], 500, typed).layer).toBe("letters");
    expect(type([{ kind: "layer" }], 500, typed).layer).toBe("letters");
    expect(type([{ kind: "accents" }], 500, type([{ kind: "layer" }])).layer).toBe("accents");
  });

  it("stops at the longest text the room accepts and deletes whole characters", () => {
    const full = type([char("a"), char("b"), char("c")], 2);
    expect(full.text).toBe("ab");
    expect(type([{ kind: "space" }], 2, full).text).toBe("ab");
    expect(type([{ kind: "delete" }], 5, { ...EMPTY_DRAFT, text: "a🙂" }).text).toBe("a");
    expect(type([{ kind: "delete" }]).text).toBe("");
  });
});
