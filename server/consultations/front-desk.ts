/**
 * The door of the town hall: creating consultations and admitting people into them. Everything here
 * is checked again on the server, whatever the form in the browser already checked.
 */
import {
  CODE_OF_CONDUCT_MAX,
  checkCodeOfConduct,
  defaultCodeOfConduct,
} from "../../shared/consultation/code-of-conduct.ts";
import { checkDisplayName, DISPLAY_NAME_MAX, isAvatarColor } from "../../shared/protocol/display-name.ts";
import {
  type ConsultationPreview,
  type CreateConsultationBody,
  type CreateConsultationResponse,
  type JoinBody,
  type JoinResponse,
  TITLE_MAX,
} from "../../shared/protocol/http-api.ts";
import {
  isWellFormedInvitationCode,
  normalizeInvitationCode,
} from "../../shared/protocol/invitation-code.ts";
import { isWellFormedJoinCode, normalizeJoinCode } from "../../shared/protocol/join-code.ts";
import type { Role } from "../../shared/protocol/roles.ts";
import { hashSecret, newFacilitatorKey, newId, newJoinCode } from "../auth/secrets.ts";
import { issueSessionToken } from "../auth/session-token.ts";
import { ApiError } from "../http/api-error.ts";
import {
  type ConsultationRecord,
  type ConsultationStore,
  DuplicateJoinCodeError,
  type InvitationRecord,
  type ParticipantRecord,
} from "../store/consultation-store.ts";
import { agendaFromInput, storeAgenda } from "./consultation-close.ts";

export interface FrontDeskDeps {
  readonly store: ConsultationStore;
  readonly sessionSecret: string;
  readonly sessionTtlSeconds: number;
  readonly now: () => number;
}

const NAME_PROBLEMS = {
  empty: "Please enter a name.",
  too_long: `A name can have at most ${DISPLAY_NAME_MAX} characters.`,
  forbidden_character: "The name contains control, invisible or markup characters.",
} as const;

export async function createConsultation(
  deps: FrontDeskDeps,
  body: CreateConsultationBody,
): Promise<CreateConsultationResponse> {
  const title = body.title.trim();
  if (title.length === 0 || title.length > TITLE_MAX) {
    throw new ApiError(400, "invalid_title", `A title has 1 to ${TITLE_MAX} characters.`);
  }
  const conduct = checkCodeOfConduct(body.codeOfConduct ?? defaultCodeOfConduct(body.language));
  if (!conduct.ok) {
    throw new ApiError(
      400,
      "invalid_code_of_conduct",
      `A code of conduct has 1 to ${CODE_OF_CONDUCT_MAX} characters, without control characters.`,
    );
  }
  const prepared = body.agenda === undefined ? undefined : agendaFromInput(body.agenda);
  if (prepared && !prepared.ok) throw new ApiError(400, prepared.code, prepared.message);
  const access = body.access ?? "open";
  if (access === "verified")
    throw new ApiError(
      400,
      "sign_in_unavailable",
      "This server has no sign-in provider configured, so a consultation cannot ask people to sign in.",
    );
  const facilitatorKey = newFacilitatorKey();
  // Codes are short, so a clash is possible in a large deployment: draw again rather than fail.
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const record = await deps.store.createConsultation({
        id: newId(),
        title,
        language: body.language,
        joinCode: newJoinCode(),
        facilitatorKeyHash: hashSecret(facilitatorKey),
        createdAt: deps.now(),
        codeOfConduct: conduct.text,
        access,
      });
      if (prepared) await storeAgenda(deps.store, record.id, prepared, record.createdAt);
      return { id: record.id, joinCode: record.joinCode, facilitatorKey, access: record.access };
    } catch (error) {
      if (!(error instanceof DuplicateJoinCodeError)) throw error;
    }
  }
  throw new ApiError(503, "internal", "Could not draw a free join code; please try again.");
}

type DoorKey = { joinCode: string } | { facilitatorKey: string } | { invitationCode: string };

/** What a door key opens: the consultation, the role it gives and, for an invitation, the invitation. */
interface Door {
  readonly consultation: ConsultationRecord;
  readonly role: Role;
  readonly invitation?: InvitationRecord;
}

/** Thrown for a code that matches no invitation: the door counts these per address. */
export const UNKNOWN_INVITATION = "unknown_invitation";

async function findConsultation(deps: FrontDeskDeps, key: DoorKey): Promise<Door> {
  if ("joinCode" in key) {
    const code = normalizeJoinCode(key.joinCode);
    const consultation = isWellFormedJoinCode(code) ? await deps.store.findByJoinCode(code) : undefined;
    if (!consultation) throw new ApiError(404, "unknown_code", "No consultation has that join code.");
    return { consultation, role: "citizen" };
  }
  if ("invitationCode" in key) {
    const code = normalizeInvitationCode(key.invitationCode);
    const invitation = isWellFormedInvitationCode(code)
      ? await deps.store.findInvitationByCodeHash(hashSecret(code))
      : undefined;
    const consultation = invitation && (await deps.store.findConsultation(invitation.consultationId));
    if (!invitation || !consultation)
      throw new ApiError(404, UNKNOWN_INVITATION, "No invitation has that code; check it and try again.");
    if (invitation.revokedAt !== undefined)
      throw new ApiError(
        403,
        "invitation_revoked",
        "This invitation has been revoked; it opens nothing any more.",
      );
    return { consultation, role: "citizen", invitation };
  }
  const consultation = await deps.store.findByFacilitatorKeyHash(hashSecret(key.facilitatorKey));
  if (!consultation)
    throw new ApiError(404, "unknown_facilitator_key", "This facilitator link is not valid.");
  return { consultation, role: "facilitator" };
}

/** The join code alone opens only open consultations. */
function refuseJoinCode(consultation: ConsultationRecord): void {
  if (consultation.access === "invitation")
    throw new ApiError(
      403,
      "invitation_required",
      "This consultation is by invitation only: enter with the code of your personal invitation.",
    );
  if (consultation.access === "verified")
    throw new ApiError(
      403,
      "sign_in_required",
      "This consultation asks everyone to sign in before entering.",
    );
}

/** The consultation's code of conduct: its own, or the default of its language for older consultations. */
function codeOfConductOf(consultation: ConsultationRecord): string {
  return consultation.codeOfConduct || defaultCodeOfConduct(consultation.language);
}

/**
 * What the door shows; the citizens' join code only to the holder of the facilitator key. A join code
 * into a consultation that needs an invitation is still previewed (with its `access`), so that the
 * page can ask for the invitation.
 */
export async function previewConsultation(deps: FrontDeskDeps, key: DoorKey): Promise<ConsultationPreview> {
  const { consultation, role } = await findConsultation(deps, key);
  return {
    id: consultation.id,
    title: consultation.title,
    language: consultation.language,
    codeOfConduct: codeOfConductOf(consultation),
    access: consultation.access,
    ...(role === "facilitator" ? { joinCode: consultation.joinCode } : {}),
  };
}

export async function admitParticipant(deps: FrontDeskDeps, body: JoinBody): Promise<JoinResponse> {
  const { consultation, role, invitation } = await findConsultation(deps, body);
  if ("joinCode" in body) refuseJoinCode(consultation);
  const deviceKeyHash = body.deviceKey === undefined ? undefined : hashSecret(body.deviceKey);
  // An invitation's holder: their session may be over (removed, banned) whatever the browser.
  const holder = invitation?.participantId
    ? await deps.store.findParticipant(invitation.participantId)
    : undefined;
  if (holder?.status === "banned")
    throw new ApiError(403, "banned", "You have been banned from this consultation.");
  if (holder?.status === "removed")
    throw new ApiError(403, "removed", "A facilitator removed you from this consultation.");
  if (deviceKeyHash !== undefined && (await deps.store.isDeviceBanned(consultation.id, deviceKeyHash))) {
    throw new ApiError(403, "banned", "This browser has been banned from this consultation.");
  }
  // The facilitator link still opens a locked consultation: whoever runs it must be able to come back;
  // so does an invitation already used, whose holder is no newcomer.
  if (consultation.locked && role !== "facilitator" && !holder) {
    throw new ApiError(403, "room_locked", "This consultation is locked: nobody new can join.");
  }
  if (body.acceptCodeOfConduct !== true) {
    throw new ApiError(
      400,
      "code_of_conduct_required",
      "Joining requires accepting the consultation's code of conduct (acceptCodeOfConduct: true).",
    );
  }
  const name = checkDisplayName(body.displayName);
  if (!name.ok) throw new ApiError(400, "invalid_name", NAME_PROBLEMS[name.reason]);
  if (!isAvatarColor(body.color))
    throw new ApiError(400, "invalid_color", "The colour must look like #3366cc.");
  const now = deps.now();
  const color = body.color.toLowerCase();
  const participant: ParticipantRecord = {
    id: newId(),
    consultationId: consultation.id,
    displayName: name.name,
    color,
    role,
    createdAt: now,
    deviceKeyHash,
    door: role === "facilitator" ? "facilitator_link" : invitation ? "invitation" : "join_code",
  };
  let admitted: { id: string; role: Role };
  if ("facilitatorKey" in body) {
    // The key is checked again with the consultation's row held: a replacement of the link that commits
    // after the lookup above leaves this participant out, and one that waits for this one ends it. The
    // first to come through the link becomes the lead.
    const keyHash = hashSecret(body.facilitatorKey);
    await deps.store.transaction(async (tx) => {
      const claimed = await tx.claimFacilitatorDoor(keyHash, participant.id);
      if (claimed?.id !== consultation.id)
        throw new ApiError(404, "unknown_facilitator_key", "This facilitator link is not valid.");
      await tx.addParticipant(participant);
    });
    admitted = participant;
  } else if (invitation) {
    admitted = await enterWithInvitation(deps, invitation, participant);
  } else {
    await deps.store.addParticipant(participant);
    admitted = participant;
  }
  const sessionToken = issueSessionToken(deps.sessionSecret, {
    consultationId: consultation.id,
    participantId: admitted.id,
    role: admitted.role,
    expiresAt: Math.floor(now / 1000) + deps.sessionTtlSeconds,
  });
  return {
    consultationId: consultation.id,
    participantId: admitted.id,
    sessionToken,
    role: admitted.role,
    ...(role === "facilitator" ? { joinCode: consultation.joinCode } : {}),
  };
}

/**
 * An invitation is one person: the first use makes its participant, every later use (another tab,
 * device or day) is that participant again, with the name and colour typed this time. Two first uses
 * at once end up as the same participant: the claim decides, and the loser's row is never written.
 */
async function enterWithInvitation(
  deps: FrontDeskDeps,
  invitation: InvitationRecord,
  newcomer: ParticipantRecord,
): Promise<{ id: string; role: Role }> {
  const owner = await deps.store.transaction(async (tx) => {
    const claimedBy = await tx.claimInvitation(invitation.id, newcomer.id);
    if (claimedBy === undefined) return undefined;
    if (claimedBy === newcomer.id) {
      await tx.addParticipant(newcomer);
      return newcomer;
    }
    const record = await tx.findParticipant(claimedBy);
    if (record?.status === "active")
      await tx.setParticipantProfile(record.id, newcomer.displayName, newcomer.color);
    return record;
  });
  if (owner === undefined)
    throw new ApiError(
      403,
      "invitation_revoked",
      "This invitation has been revoked; it opens nothing any more.",
    );
  const record = owner;
  if (record === newcomer) return newcomer;
  if (record.status === "banned")
    throw new ApiError(403, "banned", "You have been banned from this consultation.");
  if (record.status !== "active")
    throw new ApiError(403, "removed", "A facilitator removed you from this consultation.");
  // The current role: a co-facilitator promoted in the room stays one.
  return { id: record.id, role: record.role };
}
