/**
 * Display names are chosen freely at the door, so they are checked here, once, for the server to
 * enforce and the join form to explain before anything is sent.
 */

export const DISPLAY_NAME_MAX = 32;

/**
 * Control, format (zero-width, bidirectional overrides), line and paragraph separators, private-use
 * and unassigned code points, plus markup brackets: none belongs in a name shown to everyone.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}<>]/u;

export type DisplayNameResult =
  | { ok: true; name: string }
  | { ok: false; reason: "empty" | "too_long" | "forbidden_character" };

export function checkDisplayName(raw: string): DisplayNameResult {
  const trimmed = raw.normalize("NFC").trim();
  if (trimmed.length === 0) return { ok: false, reason: "empty" };
  if (FORBIDDEN.test(trimmed)) return { ok: false, reason: "forbidden_character" };
  const name = trimmed.replace(/\s+/gu, " ");
  if ([...name].length > DISPLAY_NAME_MAX) return { ok: false, reason: "too_long" };
  return { ok: true, name };
}

/** Avatar colours are six-digit hex, the form every colour input produces. */
export function isAvatarColor(value: string): boolean {
  return /^#[0-9a-f]{6}$/i.test(value);
}

export const AVATAR_COLORS = [
  "#e6194b",
  "#f58231",
  "#ffe119",
  "#3cb44b",
  "#42d4f4",
  "#4363d8",
  "#911eb4",
  "#f032e6",
  "#9a6324",
  "#469990",
] as const;
