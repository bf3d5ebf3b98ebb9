/**
 * Invitation codes: printed on a letter, read aloud on the phone and typed on a headset keyboard, so
 * they use the join code's alphabet without look-alikes, sixteen characters (about 68 bits) in four
 * groups of four: `ACEF-HJKM-NPRT-WXY3`. The link on the letter is `/i/<code>`.
 */
import { JOIN_CODE_ALPHABET } from "./join-code.ts";

export const INVITATION_CODE_LENGTH = 16;
const GROUP = 4;

/** Upper-cases and strips the spaces and dashes people type between groups. */
export function normalizeInvitationCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, "");
}

export function isWellFormedInvitationCode(code: string): boolean {
  if (code.length !== INVITATION_CODE_LENGTH) return false;
  for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return false;
  return true;
}

/** The code in groups of four, as printed and shown. */
export function formatInvitationCode(code: string): string {
  const plain = normalizeInvitationCode(code);
  const groups: string[] = [];
  for (let i = 0; i < plain.length; i += GROUP) groups.push(plain.slice(i, i + GROUP));
  return groups.join("-");
}

/**
 * A code from random bytes, without bias: a byte is used only below the largest multiple of the
 * alphabet's size (`take` asks for more when it runs out).
 */
export function invitationCodeFrom(take: () => number): string {
  const size = JOIN_CODE_ALPHABET.length;
  const limit = 256 - (256 % size);
  let code = "";
  while (code.length < INVITATION_CODE_LENGTH) {
    const byte = take();
    if (byte < limit) code += JOIN_CODE_ALPHABET[byte % size];
  }
  return formatInvitationCode(code);
}

export function invitationPath(code: string): string {
  return `/i/${encodeURIComponent(formatInvitationCode(code))}`;
}
