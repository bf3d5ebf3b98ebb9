import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KEY_ROWS, keyRows } from "../../client/src/xr/virtual-keyboard.ts";
import { CATALOGS, formatDateTime, formatNumber } from "../../shared/i18n/index.ts";
import { LANGUAGES } from "../../shared/protocol/roles.ts";

interface Glyph {
  readonly char: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
const fonts = new URL("../../assets/fonts/", import.meta.url);
const font = JSON.parse(readFileSync(new URL("inter-semibold-msdf.json", fonts), "utf8")) as {
  readonly pages: readonly string[];
  readonly chars: readonly Glyph[];
  readonly common: { readonly scaleW: number; readonly scaleH: number };
};
const glyphs = new Set(font.chars.map((glyph) => glyph.char));
/** Characters the headset menus may draw that the font lacks (uikit draws each as an empty box). */
const missing = (texts: Iterable<string>) =>
  [...new Set([...texts].flatMap((text) => [...text]))].filter((char) => char !== "\n" && !glyphs.has(char));

describe("the headset font", () => {
  it("has a glyph for every character of every catalog, and of numbers and dates as each language writes them", () => {
    for (const language of LANGUAGES) {
      const formatted = [
        formatNumber(language, 1250.5),
        formatNumber(language, 0.25, { style: "percent" }),
        formatDateTime(language, Date.UTC(2026, 7, 14, 9, 5), {
          dateStyle: "full",
          timeStyle: "short",
          timeZone: "UTC",
        }),
      ];
      expect(missing([...Object.values(CATALOGS[language]), ...formatted]), language).toEqual([]);
    }
  });

  it("has a glyph for every key of the headset keyboard, capitals included", () => {
    const keys = (Object.keys(KEY_ROWS) as (keyof typeof KEY_ROWS)[]).flatMap((layer) =>
      [false, true].flatMap((shift) => keyRows({ text: "", shift, layer }).flat()),
    );
    expect(keys).toEqual(expect.arrayContaining(["é", "É", "œ", "Œ", "ç", "Ç", "ÿ", "Ÿ", "«", "€"]));
    expect(missing(keys)).toEqual([]);
  });

  it("draws French text with real glyphs, not uikit's empty boxes", () => {
    const sample = "Déjà « Où est l’œuvre ? » — Ça coûte 5 € à l’hôte…";
    expect(missing([sample])).toEqual([]);
    for (const char of sample.replaceAll(/\s/g, "")) {
      const glyph = font.chars.find((entry) => entry.char === char);
      expect(glyph?.width, char).toBeGreaterThan(0);
      expect(glyph?.height, char).toBeGreaterThan(0);
    }
  });

  it("keeps every glyph inside its one atlas page, whose PNG has the size the description says", () => {
    expect(font.pages).toEqual(["inter-semibold-msdf.png"]);
    const png = readFileSync(new URL(font.pages[0] ?? "", fonts));
    // The PNG header's IHDR chunk holds width and height at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([font.common.scaleW, font.common.scaleH]);
    for (const glyph of font.chars) {
      expect(glyph.x + glyph.width, glyph.char).toBeLessThanOrEqual(font.common.scaleW);
      expect(glyph.y + glyph.height, glyph.char).toBeLessThanOrEqual(font.common.scaleH);
    }
  });
});
