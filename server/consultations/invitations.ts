/**
 * Making, listing and revoking personal invitations, for facilitators and co-facilitators. Codes are
 * drawn here and answered once; the store keeps only their hashes, so a copy of the database opens
 * nothing, and a lost sheet is replaced by revoking its invitations and making new ones.
 */
import { randomInt } from "node:crypto";
import {
  cleanLabels,
  invitationState,
  invitationsFit,
  MAX_INVITATIONS,
} from "../../shared/consultation/invitations.ts";
import { isFacilitating } from "../../shared/consultation/roles.ts";
import type {
  CreateInvitationsBody,
  CreateInvitationsResponse,
  InvitationListResponse,
} from "../../shared/protocol/http-api.ts";
import {
  groupInvitationCode,
  INVITATION_CODE_LENGTH,
  invitationPath,
  JOIN_CODE_ALPHABET,
} from "../../shared/protocol/join-code.ts";
import { newId } from "../auth/secrets.ts";
import type { SessionClaims } from "../auth/session-token.ts";
import { ApiError } from "../http/api-error.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";
import { invitationCodeHash } from "./invitation-door.ts";

/** A code drawn uniformly from the alphabet (`randomInt` rejects the biased draws a modulo would keep). */
function newInvitationCode(): string {
  let code = "";
  for (let i = 0; i < INVITATION_CODE_LENGTH; i++)
    code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** Only a facilitator or co-facilitator of this very consultation manages its invitations. */
export function checkManager(session: SessionClaims, consultationId: string): void {
  if (!isFacilitating(session.role) || session.consultationId !== consultationId)
    throw new ApiError(403, "not_allowed", "Only this consultation's facilitators manage its invitations.");
}

const TOO_MANY = `A consultation has at most ${MAX_INVITATIONS} invitations, each label 1 to 80 characters.`;

export async function createInvitations(
  store: ConsultationStore,
  body: CreateInvitationsBody,
  now: number,
): Promise<CreateInvitationsResponse> {
  const labels = "labels" in body ? cleanLabels(body.labels) : undefined;
  if ("labels" in body && labels === undefined) throw new ApiError(400, "invalid_invitations", TOO_MANY);
  const count = labels?.length ?? ("count" in body ? body.count : 0);
  const made = Array.from({ length: count }, (_, index) => ({
    id: newId(),
    code: newInvitationCode(),
    label: labels?.[index],
  }));
  await store.transaction(async (tx) => {
    const existing = await tx.countInvitations(body.consultationId);
    if (!invitationsFit(existing, count)) throw new ApiError(400, "invalid_invitations", TOO_MANY);
    await tx.addInvitations(
      made.map((invitation, index) => ({
        id: invitation.id,
        consultationId: body.consultationId,
        codeHash: invitationCodeHash(invitation.code),
        label: invitation.label,
        createdAt: now,
        position: existing + index,
      })),
    );
  });
  return {
    invitations: made.map(({ id, code, label }) => {
      const grouped = groupInvitationCode(code);
      return { id, code: grouped, link: invitationPath(grouped), ...(label === undefined ? {} : { label }) };
    }),
  };
}

export async function listInvitations(
  store: ConsultationStore,
  consultationId: string,
): Promise<InvitationListResponse> {
  const invitations = await store.listInvitations(consultationId);
  return {
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      ...(invitation.label === undefined ? {} : { label: invitation.label }),
      state: invitationState(invitation),
    })),
  };
}

export interface InvitationRevocation {
  readonly consultationId: string;
  readonly invitationId: string;
  readonly actorId: string;
  readonly at: number;
}

/**
 * Stores a revocation through `tx`: the invitation closes, its holder's session (if someone entered with
 * it) ends, and the audit log records it. Answers the holder whose connections must close, if any.
 */
export async function storeRevocation(
  tx: ConsultationStore,
  change: InvitationRevocation,
): Promise<string | undefined> {
  const invitation = await tx.revokeInvitation(change.consultationId, change.invitationId, change.at);
  if (!invitation) throw new ApiError(404, "not_found", "This consultation has no such invitation.");
  if (invitation.revoked) return undefined;
  const holder = invitation.holderStatus === "active" ? invitation.participantId : undefined;
  if (holder) await tx.setParticipantStatus(holder, "revoked");
  await tx.appendAudit({
    consultationId: change.consultationId,
    at: change.at,
    actorId: change.actorId,
    action: "revoke_invitation",
    targetId: invitation.participantId,
    reason: undefined,
    detail: undefined,
  });
  return holder;
}

/** What the holder of a revoked invitation is told when their connection closes. */
export const INVITATION_REVOKED_REASON = "The organisers withdrew the invitation you entered with.";
