/**
 * Who may take part in a consultation. `open`: anyone with the join code, so one person may join more
 * than once and every result says so. `invitation`: citizens enter only with a personal invitation, one
 * person each, who re-enters as the same participant every time. `verified`: citizens sign in with an
 * OpenID Connect provider the operator configures (not available until one is).
 */
export const ACCESS_MODES = ["open", "invitation", "verified"] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

export function isAccessMode(value: string): value is AccessMode {
  return (ACCESS_MODES as readonly string[]).includes(value);
}

/** Most invitations one consultation may have, revoked ones included. */
export const INVITATIONS_MAX = 5000;
/** Longest label of an invitation (a pseudonym, a seat in a citizens' panel). */
export const INVITATION_LABEL_MAX = 80;

/** Control, format and private-use characters have no place in a label printed on a letter. */
const FORBIDDEN_IN_LABEL = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}<>]/u;

export type LabelResult = { ok: true; label: string } | { ok: false };

/** A label: trimmed, whitespace collapsed, 1 to 80 characters, nothing invisible or markup. */
export function checkInvitationLabel(raw: string): LabelResult {
  const label = raw.normalize("NFC").trim().replace(/\s+/gu, " ");
  if (label.length === 0 || [...label].length > INVITATION_LABEL_MAX || FORBIDDEN_IN_LABEL.test(label))
    return { ok: false };
  return { ok: true, label };
}

/** The labels pasted one per line: blank lines left out. */
export function labelsFromLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** An invitation's state: not used yet, used to enter, or revoked (also when its holder was removed or banned). */
export type InvitationState = "unused" | "entered" | "revoked";

/**
 * Whether results must say that one person may have been counted more than once: in open mode, and in
 * any mode once someone came in through the join code (the mode was open for a while).
 */
export function isOpenAttendance(mode: string, enteredWithJoinCode: number): boolean {
  return mode === "open" || enteredWithJoinCode > 0;
}
