/**
 * Join codes are read aloud and typed on headset keyboards, so their alphabet leaves out every
 * character that looks or sounds like another (0/O/D/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V).
 */
export const JOIN_CODE_ALPHABET = "ACEFHJKMNPRTWXY3479";
export const JOIN_CODE_LENGTH = 6;

/**
 * An invitation code is a personal bearer secret, kept only as a hash: 16 characters of the same
 * alphabet carry 68 bits, far past what the door's limit on wrong codes lets anyone guess, and are read
 * aloud and typed in four groups of four.
 */
export const INVITATION_CODE_LENGTH = 16;
const INVITATION_GROUP = 4;

/** Upper-cases and strips the spaces and dashes people type between groups. */
export function normalizeJoinCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, "");
}

export function isWellFormedJoinCode(code: string): boolean {
  if (code.length !== JOIN_CODE_LENGTH) return false;
  for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return false;
  return true;
}

/** Builds a code from random bytes (one byte per character; the slight bias is harmless for a join code). */
export function joinCodeFromBytes(bytes: Uint8Array): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
    code += JOIN_CODE_ALPHABET[(bytes[i] ?? 0) % JOIN_CODE_ALPHABET.length];
  }
  return code;
}

export function isWellFormedInvitationCode(code: string): boolean {
  if (code.length !== INVITATION_CODE_LENGTH) return false;
  for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return false;
  return true;
}

/** `KX7M-3PAC-HT4W-9RNE`: the normalised code in groups, as letters and sheets print it. */
export function groupInvitationCode(code: string): string {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += INVITATION_GROUP) groups.push(code.slice(i, i + INVITATION_GROUP));
  return groups.join("-");
}

/** The path an invitation's link opens: the join page, with the code filled in. */
export function invitationPath(groupedCode: string): string {
  return `/i/${groupedCode}`;
}
