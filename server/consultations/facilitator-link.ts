/**
 * Replacing the facilitator link, as one stored change: the new key's hash, the end of every session
 * that came in through the link except the lead's, and the audit entry, together or not at all. The
 * room runs it in its command order when it is open (server/rooms/facilitation-rights.ts), so that the
 * connections of the sessions it ends close at once; otherwise the HTTP route runs it alone.
 */
import type { ConsultationStore } from "../store/consultation-store.ts";

export interface LinkReplacement {
  readonly consultationId: string;
  readonly leadId: string;
  /** SHA-256 of the new key; the key itself never leaves the HTTP route. */
  readonly keyHash: string;
  readonly at: number;
}

/** Stores the replacement through `tx`; returns the participants whose sessions it ended. */
export async function storeLinkReplacement(
  tx: ConsultationStore,
  change: LinkReplacement,
): Promise<string[]> {
  await tx.setFacilitatorKeyHash(change.consultationId, change.keyHash);
  const ended = await tx.endFacilitatorLinkSessions(change.consultationId, change.leadId);
  await tx.appendAudit({
    consultationId: change.consultationId,
    at: change.at,
    actorId: change.leadId,
    action: "rotate_facilitator_link",
    targetId: undefined,
    reason: undefined,
    detail: { ended: ended.length },
  });
  return ended;
}

/** What the people whose sessions ended are told when their connection closes. */
export const LINK_REPLACED_REASON =
  "The lead facilitator replaced the facilitator link you entered with; this session has ended.";
