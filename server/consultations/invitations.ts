/**
 * Personal invitations: making them (codes drawn at random, kept only as hashes) and revoking one, which
 * also ends its holder's session. Revoking changes the room when the holder is in it, so the room runs
 * it in its command order (server/rooms/access-commands.ts); without a room the HTTP route runs it alone.
 */
import { randomBytes } from "node:crypto";
import { INVITATIONS_MAX } from "../../shared/consultation/access.ts";
import type { NewInvitation } from "../../shared/protocol/http-api.ts";
import {
  invitationCodeFrom,
  invitationPath,
  normalizeInvitationCode,
} from "../../shared/protocol/invitation-code.ts";
import { hashSecret, newId } from "../auth/secrets.ts";
import { ApiError } from "../http/api-error.ts";
import type { ConsultationStore, NewInvitationRecord } from "../store/consultation-store.ts";

/** A fresh code: sixteen characters of the join-code alphabet from the system's random source. */
export function newInvitationCode(): string {
  let pool = randomBytes(32);
  let next = 0;
  return invitationCodeFrom(() => {
    if (next >= pool.length) {
      pool = randomBytes(32);
      next = 0;
    }
    return pool[next++] ?? 0;
  });
}

/**
 * Makes one invitation per label (or `labels.length` unlabelled ones), in one transaction with its audit
 * entry; refused past 5,000 for the consultation. Answers the codes, which are never shown again.
 */
export async function createInvitations(
  store: ConsultationStore,
  consultationId: string,
  actorId: string,
  labels: readonly (string | undefined)[],
  at: number,
): Promise<NewInvitation[]> {
  const made: NewInvitation[] = [];
  const rows: NewInvitationRecord[] = labels.map((label) => {
    const code = newInvitationCode();
    const id = newId();
    made.push({ id, code, link: invitationPath(code), ...(label === undefined ? {} : { label }) });
    return { id, consultationId, codeHash: hashSecret(normalizeInvitationCode(code)), label, createdAt: at };
  });
  await store.transaction(async (tx) => {
    const consultation = await tx.findConsultation(consultationId);
    if (!consultation) throw new ApiError(404, "unknown_consultation", "This consultation does not exist.");
    // Writing the row takes its lock in PostgreSQL: two requests at once cannot both pass the limit.
    await tx.setAccess(consultationId, consultation.access);
    const counts = await tx.countInvitations(consultationId);
    const existing = counts.unused + counts.entered + counts.revoked;
    if (existing + rows.length > INVITATIONS_MAX)
      throw new ApiError(
        409,
        "too_many_invitations",
        `A consultation has at most ${INVITATIONS_MAX} invitations; this one has ${existing}.`,
      );
    await tx.addInvitations(rows);
    await tx.appendAudit({
      consultationId,
      at,
      actorId,
      action: "create_invitations",
      targetId: undefined,
      reason: undefined,
      detail: { count: rows.length },
    });
  });
  return made;
}

export interface Revocation {
  readonly consultationId: string;
  readonly invitationId: string;
  readonly actorId: string;
  readonly at: number;
}

/** What the holder of a revoked invitation is told when their connection closes. */
export const REVOKED_REASON = "Your invitation was revoked.";

/**
 * Revokes the invitation through `tx` and ends its holder's session, if it is still on; audited.
 * Answers whose session it ended.
 */
export async function storeRevocation(
  tx: ConsultationStore,
  change: Revocation,
): Promise<string | undefined> {
  const invitation = await tx.findInvitation(change.invitationId);
  if (!invitation || invitation.consultationId !== change.consultationId)
    throw new ApiError(404, "unknown_invitation", "There is no such invitation in this consultation.");
  if (invitation.revokedAt !== undefined) return undefined;
  await tx.revokeInvitation(invitation.id, change.at);
  const holder = invitation.participantId ? await tx.findParticipant(invitation.participantId) : undefined;
  const ended = holder?.status === "active" ? holder.id : undefined;
  if (ended) await tx.setParticipantStatus(ended, "removed");
  await tx.appendAudit({
    consultationId: change.consultationId,
    at: change.at,
    actorId: change.actorId,
    action: "revoke_invitation",
    targetId: invitation.participantId,
    reason: undefined,
    detail: { invitation: invitation.id },
  });
  return ended;
}
