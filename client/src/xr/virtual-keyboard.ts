/**
 * The headset's own keyboard, as data: which keys there are on each layer, and what a press does to the
 * text being typed. The hand menu draws it with buttons (client/src/xr/VirtualKeyboard.tsx); a ray's
 * trigger or a pinch presses a key. Pure, so that typing is tested without a headset.
 */

export type KeyLayer = "letters" | "more" | "accents";

export const KEY_ROWS: Readonly<Record<KeyLayer, readonly string[]>> = {
  letters: ["qwertyuiop", "asdfghjkl", "zxcvbnm"],
  more: ["1234567890", "@#&+-=/*%_", ".,?!'\":;()"],
  // The accented letters of Dutch and French (capitals with shift) and French typographic punctuation.
  accents: ["àâäæçéèêë", "îïôœùûüÿ", "«»’“”€…"],
};

export type KeyPress =
  | { readonly kind: "char"; readonly char: string }
  | { readonly kind: "shift" | "layer" | "accents" | "space" | "delete" };

export interface KeyboardDraft {
  readonly text: string;
  /** The next letter is a capital (one shot, like a phone keyboard). */
  readonly shift: boolean;
  readonly layer: KeyLayer;
}

export const EMPTY_DRAFT: KeyboardDraft = { text: "", shift: false, layer: "letters" };

/** The keys of a layer, row by row, as the characters they type (capitals while shifted). */
export function keyRows(draft: KeyboardDraft): string[][] {
  return KEY_ROWS[draft.layer].map((row) =>
    [...row].map((char) => (draft.shift && draft.layer !== "more" ? char.toUpperCase() : char)),
  );
}

/** The draft after one key press; the text never grows past `max` characters. */
export function pressKey(draft: KeyboardDraft, key: KeyPress, max: number): KeyboardDraft {
  const characters = [...draft.text];
  const add = (char: string) => (characters.length >= max ? draft.text : `${draft.text}${char}`);
  switch (key.kind) {
    case "char":
      return { ...draft, text: add(key.char), shift: false };
    case "space":
      return { ...draft, text: add(" ") };
    case "delete":
      return { ...draft, text: characters.slice(0, -1).join("") };
    case "shift":
      return { ...draft, shift: !draft.shift, layer: draft.layer === "accents" ? "accents" : "letters" };
    case "layer":
      return { ...draft, shift: false, layer: draft.layer === "letters" ? "more" : "letters" };
    case "accents":
      return { ...draft, shift: false, layer: draft.layer === "accents" ? "letters" : "accents" };
  }
}
