/** Short texts everyone sees (ideas, labels, questions): the same character rules as display names. */

/** Control, format (zero-width, bidirectional overrides), separators, private-use and unassigned code points. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/u;

/** Trimmed and NFC-normalised, whitespace collapsed, 1 to `max` characters, nothing invisible; or undefined. */
export function cleanShortText(raw: string, max: number): string | undefined {
  const trimmed = raw.normalize("NFC").trim();
  if (trimmed.length === 0 || FORBIDDEN.test(trimmed)) return undefined;
  const text = trimmed.replace(/\s+/gu, " ");
  return [...text].length > max ? undefined : text;
}
