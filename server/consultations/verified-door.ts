/**
 * The door of a verified consultation: a sign-in ticket admits its identity as the one participant it
 * is in the consultation, the same one from any browser and on any day; a removal or a ban of that
 * participant holds against every later sign-in.
 */
import { doorRefusal } from "../../shared/consultation/access.ts";
import type { JoinBody, JoinResponse } from "../../shared/protocol/http-api.ts";
import { hashSecret, newId } from "../auth/secrets.ts";
import { ApiError } from "../http/api-error.ts";
import type { ParticipantRecord } from "../store/consultation-store.ts";
import { admission, admitDevice, checkArrival, ensureHallRoom, type FrontDeskDeps } from "./front-desk.ts";
import { SIGN_IN_TTL_MS } from "./verified-sign-in.ts";

const EXPIRED = new ApiError(
  403,
  "sign_in_expired",
  "This sign-in has expired or was used already: sign in again from the consultation's join page.",
);

export async function admitVerified(
  deps: FrontDeskDeps,
  body: Extract<JoinBody, { signInTicket: string }>,
): Promise<JoinResponse> {
  // Checked before the ticket is spent, so that a mistyped name costs no new sign-in.
  const arrival = checkArrival(body);
  const ticket = await deps.store.takeSignInTicket(hashSecret(body.signInTicket));
  if (!ticket || ticket.createdAt < deps.now() - SIGN_IN_TTL_MS) throw EXPIRED;
  const consultation = await deps.store.findConsultation(ticket.consultationId);
  if (!consultation) throw EXPIRED;
  // The facilitators may have changed who may take part since the sign-in began.
  const closedDoor = doorRefusal(consultation.access, "identity");
  if (closedDoor)
    throw new ApiError(403, closedDoor, "This consultation no longer admits people by signing in.");
  const known = await deps.store.findVerifiedParticipant(consultation.id, ticket.identityHash);
  const returning = known === undefined ? undefined : await deps.store.findParticipant(known);
  if (returning) {
    if (returning.status === "banned")
      throw new ApiError(403, "banned", "You have been banned from this consultation.");
    if (returning.status === "removed")
      throw new ApiError(403, "removed", "A facilitator removed you from this consultation.");
    // Coming back as someone new would let one person vote twice: the erased ballot stays in an open poll.
    if (returning.status === "erased")
      throw new ApiError(403, "erased", "Your data in this consultation was erased at your request.");
    return admission(deps, consultation, returning.id, returning.role);
  }
  const deviceKeyHash = await admitDevice(deps, consultation.id, body.deviceKey);
  if (consultation.locked)
    throw new ApiError(403, "room_locked", "This consultation is locked: nobody new can join.");
  await ensureHallRoom(deps, consultation.id);
  const participant: ParticipantRecord = {
    id: newId(),
    consultationId: consultation.id,
    displayName: arrival.name,
    color: arrival.color,
    role: "citizen",
    createdAt: deps.now(),
    deviceKeyHash,
    door: "identity",
  };
  // Two sign-ins of one identity at once make one participant: the first bound wins, the other's is undone.
  const participantId = await deps.store
    .transaction(async (tx) => {
      await tx.addParticipant(participant);
      const bound = await tx.bindVerifiedIdentity(consultation.id, ticket.identityHash, participant.id);
      if (bound !== participant.id) throw new BoundMeanwhile(bound);
      return bound;
    })
    .catch((error: unknown) => {
      if (error instanceof BoundMeanwhile) return error.participantId;
      throw error;
    });
  return admission(deps, consultation, participantId, "citizen");
}

class BoundMeanwhile extends Error {
  readonly participantId: string;
  constructor(participantId: string) {
    super("bound meanwhile");
    this.participantId = participantId;
  }
}
