/**
 * Entering with a personal invitation: the code is found by its hash, a revoked invitation and a holder
 * who was removed or banned are refused, and the first entry binds the invitation to the participant it
 * makes, so that every later entry, from any browser, is that same participant.
 */
import { isWellFormedInvitationCode, normalizeJoinCode } from "../../shared/protocol/join-code.ts";
import { hashSecret } from "../auth/secrets.ts";
import { ApiError } from "../http/api-error.ts";
import type { ConsultationStore, ParticipantRecord } from "../store/consultation-store.ts";
import type { InvitationRecord } from "../store/invitation-records.ts";

/** The hash an invitation is kept and found by: of the code without its groups, in capitals. */
export function invitationCodeHash(code: string): string {
  return hashSecret(normalizeJoinCode(code));
}

export const UNKNOWN_INVITATION = "No invitation has that code. Check it group by group.";

function holderRefusal(status: string | undefined): ApiError | undefined {
  if (status === "banned") return new ApiError(403, "banned", "You have been banned from this consultation.");
  if (status === "removed")
    return new ApiError(403, "removed", "A facilitator removed you from this consultation.");
  if (status === "revoked")
    return new ApiError(403, "invitation_revoked", "This invitation has been withdrawn by the organisers.");
  // Coming back as someone new would let one person vote twice: the erased ballot stays in an open poll.
  if (status === "erased")
    return new ApiError(
      403,
      "invitation_revoked",
      "Whoever entered with this invitation erased themselves; it is closed.",
    );
  return undefined;
}

/** The invitation a code opens, or the refusal: unknown (404), revoked, or its holder shut out (403). */
export async function openInvitation(store: ConsultationStore, code: string): Promise<InvitationRecord> {
  const normal = normalizeJoinCode(code);
  const invitation = isWellFormedInvitationCode(normal)
    ? await store.findInvitation(hashSecret(normal))
    : undefined;
  if (!invitation) throw new ApiError(404, "unknown_invitation", UNKNOWN_INVITATION);
  if (invitation.revoked)
    throw new ApiError(403, "invitation_revoked", "This invitation has been withdrawn by the organisers.");
  const refusal = holderRefusal(invitation.holderStatus);
  if (refusal) throw refusal;
  return invitation;
}

/**
 * The participant this entry is: the one the invitation made before, or `newcomer`, stored now. Runs in
 * one transaction holding the invitation's row, so two tabs entering at once make one participant, and
 * a revocation that commits first keeps this entry out.
 */
export function enterWithInvitation(
  store: ConsultationStore,
  code: string,
  newcomer: ParticipantRecord,
): Promise<ParticipantRecord> {
  return store.transaction(async (tx) => {
    const claimed = await tx.claimInvitation(invitationCodeHash(code), newcomer.id);
    if (!claimed || claimed.consultationId !== newcomer.consultationId)
      throw new ApiError(403, "invitation_revoked", "This invitation has been withdrawn by the organisers.");
    if (claimed.participantId === newcomer.id) {
      await tx.addParticipant(newcomer);
      return newcomer;
    }
    const holder =
      claimed.participantId === undefined ? undefined : await tx.findParticipant(claimed.participantId);
    const refusal = holderRefusal(holder?.status);
    if (!holder || refusal)
      throw refusal ?? new ApiError(403, "invitation_revoked", "This invitation is closed.");
    return holder;
  });
}
