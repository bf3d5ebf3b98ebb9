/**
 * Personal invitations: how many a consultation may have, what a label may be, and the state an
 * invitation is in. An invitation is one person: the first entry with it makes a participant, every
 * later one re-enters as that participant. Revoking it, or removing or banning its holder, closes it.
 */
import { cleanShortText } from "./short-text.ts";

/** `unused` until someone entered with it; `revoked` once revoked or its holder was removed or banned. */
export const INVITATION_STATES = ["unused", "entered", "revoked"] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

/** Invitations per consultation, created at once or over several batches. */
export const MAX_INVITATIONS = 5000;
/** A label names a seat or a pseudonym, not a postal address. */
export const INVITATION_LABEL_MAX = 80;

/** The labels, cleaned like every short text everyone may see; undefined when one of them is not valid. */
export function cleanLabels(raw: readonly string[]): string[] | undefined {
  const labels: string[] = [];
  for (const label of raw) {
    const clean = cleanShortText(label, INVITATION_LABEL_MAX);
    if (clean === undefined) return undefined;
    labels.push(clean);
  }
  return labels;
}

/** Whether `adding` more invitations keep the consultation within `MAX_INVITATIONS`. */
export function invitationsFit(existing: number, adding: number): boolean {
  return adding >= 1 && existing + adding <= MAX_INVITATIONS;
}

/** What is known of an invitation to tell its state. */
export interface InvitationFacts {
  readonly revoked: boolean;
  /** The status of the participant it made, once someone entered with it. */
  readonly holderStatus: string | undefined;
}

/**
 * Holders' statuses that close their invitation for good. `erased` too: a holder who erased themselves
 * while a poll was open leaves their ballot in it, so coming back as someone new would vote twice.
 */
const CLOSING_STATUSES: ReadonlySet<string> = new Set(["removed", "banned", "revoked", "erased"]);

export function invitationState({ revoked, holderStatus }: InvitationFacts): InvitationState {
  if (revoked || (holderStatus !== undefined && CLOSING_STATUSES.has(holderStatus))) return "revoked";
  return holderStatus === undefined ? "unused" : "entered";
}
