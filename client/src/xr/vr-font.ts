import type { FontFamilies } from "@react-three/uikit";
import fontInfoUrl from "../../../assets/fonts/inter-semibold-msdf.json?url";
import fontPageUrl from "../../../assets/fonts/inter-semibold-msdf.png?url";

type FontSource = NonNullable<FontFamilies[string]["normal"]>;
type FontInfo = Exclude<FontSource, string | ((...args: never[]) => unknown)>;

/**
 * The headset menus' font (built by scripts/build-vr-font.ts): Inter SemiBold with Latin-1 and the usual
 * typographic punctuation, where uikit's bundled Inter has ASCII only and shows Dutch and French accents
 * as boxes. Fetched from Plenum itself the first time a menu draws text, never on the join page.
 */
async function loadVrFont(): Promise<FontInfo> {
  const response = await fetch(fontInfoUrl);
  if (!response.ok) throw new Error(`headset font: HTTP ${response.status}`);
  const info = (await response.json()) as FontInfo;
  // The atlas page is hashed into the build separately, so its address replaces the file name.
  return { ...info, pages: [new URL(fontPageUrl, window.location.href).href] };
}

/** For the `fontFamilies` of every uikit root: all weights the menus use draw with the one atlas. */
export const vrFontFamilies: FontFamilies = {
  inter: { normal: loadVrFont, "semi-bold": loadVrFont, bold: loadVrFont },
};
