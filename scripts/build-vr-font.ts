/**
 * Builds the headset menus' font: a multi-channel signed distance field (MSDF) atlas of
 * assets/fonts/Inter-SemiBold.ttf and its description in the BMFont JSON form that @react-three/uikit
 * reads, written to assets/fonts/inter-semibold-msdf.json and assets/fonts/inter-semibold-msdf.png.
 * uikit's own Inter atlas covers ASCII and a few German letters only, so Dutch and French text showed
 * empty boxes in the headset; this one covers Latin-1 and the usual typographic punctuation.
 *
 * Run after changing the font or the characters below, and commit both outputs:
 *   node scripts/build-vr-font.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
// The package's "exports" hide its type declarations, so they are named by path.
import type * as MsdfgenModule from "../node_modules/msdfgen-wasm/dist/types/index.d.ts";

// The package's ES module build imports files without extensions, which Node does not resolve.
const require = createRequire(import.meta.url);
const { Bitmap, Msdfgen } = require("msdfgen-wasm") as typeof MsdfgenModule;

const fonts = fileURLToPath(new URL("../assets/fonts/", import.meta.url));
const NAME = "inter-semibold-msdf";
/** Pixels per em in the atlas and the distance range in pixels, as in uikit's bundled atlases. */
const SIZE = 44;
const RANGE = 4;

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
export const VR_FONT_CODES = [
  ...range(32, 126),
  ...range(160, 255),
  ..."ŒœŸ€‘’‚“”„–—…•‹›".split("").map((char) => char.codePointAt(0) ?? 0),
  // The narrow no-break space French puts before « » : ; ! ?
  0x202f,
];

const msdfgen = await Msdfgen.create(readFileSync(require.resolve("msdfgen-wasm/wasm")).buffer);
msdfgen.loadFont(readFileSync(`${fonts}Inter-SemiBold.ttf`));
msdfgen.loadGlyphs(VR_FONT_CODES);
/** The soft hyphen has no outline in Inter; it is invisible in running text, so it gets an empty glyph. */
const INVISIBLE = [0xad];
const missing = VR_FONT_CODES.filter(
  (code) => !INVISIBLE.includes(code) && !msdfgen.glyphs.some((glyph) => glyph.unicode === code),
);
if (missing.length > 0) {
  throw new Error(
    `Inter-SemiBold.ttf has no glyph for ${missing.map((code) => String.fromCodePoint(code)).join(" ")}`,
  );
}

// Shelf packing, tallest first: enough for a few hundred glyphs, and the same atlas on every run. (The
// package's own packer needs maxrects-packer's CommonJS build, which its current release no longer has.)
const PAGE_WIDTH = 512;
const GAP = 1;
const placed = msdfgen.glyphs
  .map((glyph) => ({ glyph, msdfData: msdfgen.computeGlpyhMsdfData(glyph, { size: SIZE, range: RANGE }) }))
  .sort((a, b) => b.msdfData.height - a.msdfData.height || a.glyph.unicode - b.glyph.unicode);
let shelfX = 0;
let shelfY = 0;
let shelfHeight = 0;
const rects = placed.map(({ glyph, msdfData }) => {
  const { width, height } = msdfData;
  if (shelfX + width > PAGE_WIDTH) {
    shelfY += shelfHeight + GAP;
    shelfX = 0;
    shelfHeight = 0;
  }
  const rect = { glyph, msdfData, x: shelfX, y: shelfY, width, height };
  shelfX += width + GAP;
  shelfHeight = Math.max(shelfHeight, height);
  return rect;
});
const pageHeight = 2 ** Math.ceil(Math.log2(shelfY + shelfHeight));
const page = new Bitmap(PAGE_WIDTH, pageHeight);
for (const { glyph, msdfData, x, y, width, height } of rects) {
  if (width && height) page.blit(msdfgen.generateBitmap(glyph, msdfData), x, y, false);
}

const { metrics } = msdfgen;
const px = (em: number) => Math.round(em * SIZE);
const base = px(metrics.ascenderY);
const lineHeight = px(metrics.lineHeight);
const chars = rects
  .map(({ glyph, msdfData, x, y, width, height }) => ({
    id: glyph.unicode,
    index: glyph.index,
    char: String.fromCodePoint(glyph.unicode),
    width,
    height,
    // Where the bitmap sits relative to the pen position and the top of the line, in atlas pixels.
    xoffset: width ? Math.round(-msdfData.xTranslate * SIZE) : 0,
    yoffset: height ? Math.round(base - (height - msdfData.yTranslate * SIZE)) : 0,
    xadvance: px(glyph.advance),
    chnl: 15,
    x,
    y,
    page: 0,
  }))
  .concat(
    INVISIBLE.map((code) => ({
      id: code,
      index: 0,
      char: String.fromCodePoint(code),
      width: 0,
      height: 0,
      xoffset: 0,
      yoffset: 0,
      xadvance: 0,
      chnl: 15,
      x: 0,
      y: 0,
      page: 0,
    })),
  )
  .sort((a, b) => a.id - b.id);
const kernings = rects
  .flatMap(({ glyph }) =>
    glyph.kerning.map(([second, amount]) => ({
      first: glyph.unicode,
      second: second.unicode,
      amount: px(amount),
    })),
  )
  .filter(({ amount }) => amount !== 0);

const info = {
  pages: [`${NAME}.png`],
  chars,
  info: {
    face: "Inter SemiBold",
    size: SIZE,
    bold: 0,
    italic: 0,
    charset: chars.map(({ char }) => char),
    unicode: 1,
    stretchH: 100,
    smooth: 1,
    aa: 1,
    padding: [0, 0, 0, 0],
    spacing: [1, 1],
    outline: 0,
  },
  common: {
    lineHeight,
    base,
    scaleW: PAGE_WIDTH,
    scaleH: pageHeight,
    pages: 1,
    packed: 0,
    alphaChnl: 0,
    redChnl: 0,
    greenChnl: 0,
    blueChnl: 0,
  },
  distanceField: { fieldType: "msdf", distanceRange: RANGE },
  kernings,
};

writeFileSync(`${fonts}${NAME}.png`, msdfgen.createPng(page, 9));
writeFileSync(`${fonts}${NAME}.json`, `${JSON.stringify(info)}\n`);
console.log(`${chars.length} glyphs, ${kernings.length} kerning pairs, page ${PAGE_WIDTH} × ${pageHeight}`);
