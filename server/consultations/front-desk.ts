/**
 * The door of the town hall: creating consultations and admitting people into them. Everything here
 * is checked again on the server, whatever the form in the browser already checked.
 */
import { timingSafeEqual } from "node:crypto";
import { doorRefusal } from "../../shared/consultation/access.ts";
import {
  CODE_OF_CONDUCT_MAX,
  checkCodeOfConduct,
  defaultCodeOfConduct,
} from "../../shared/consultation/code-of-conduct.ts";
import { TITLE_MAX } from "../../shared/consultation/consultation-title.ts";
import { hallAdmits } from "../../shared/hall/hall-capacity.ts";
import { checkDisplayName, DISPLAY_NAME_MAX, isAvatarColor } from "../../shared/protocol/display-name.ts";
import type {
  ConsultationPreview,
  CreateConsultationBody,
  CreateConsultationResponse,
  JoinBody,
  JoinResponse,
} from "../../shared/protocol/http-api.ts";
import { isWellFormedJoinCode, normalizeJoinCode } from "../../shared/protocol/join-code.ts";
import type { Role } from "../../shared/protocol/roles.ts";
import type { Door } from "../../shared/protocol/room-messages.ts";
import { hashSecret, newFacilitatorKey, newId, newJoinCode } from "../auth/secrets.ts";
import { issueSessionToken } from "../auth/session-token.ts";
import { ApiError } from "../http/api-error.ts";
import {
  type ConsultationRecord,
  type ConsultationStore,
  DuplicateJoinCodeError,
  type ParticipantRecord,
} from "../store/consultation-store.ts";
import type { InvitationRecord } from "../store/invitation-records.ts";
import { agendaFromInput, storeAgenda } from "./consultation-close.ts";
import { enterWithInvitation, openInvitation } from "./invitation-door.ts";

export interface FrontDeskDeps {
  readonly store: ConsultationStore;
  /** People a hall admits, and how many places its room holds now (undefined when that cannot be told). */
  readonly hall?: { capacity: number; occupancy(consultationId: string): Promise<number | undefined> };
  /** The operator's creation code (`CREATE_SECRET`), when only their staff may create. */
  readonly createSecret?: string | undefined;
  readonly sessionSecret: string;
  readonly sessionTtlSeconds: number;
  readonly now: () => number;
}

const NAME_PROBLEMS = {
  empty: "Please enter a name.",
  too_long: `A name can have at most ${DISPLAY_NAME_MAX} characters.`,
  forbidden_character: "The name contains control, invisible or markup characters.",
} as const;

const DOOR_REFUSALS = {
  invitation_required:
    "This consultation is by invitation only: enter with the personal invitation code or link you were sent.",
  sign_in_required: "This consultation needs you to sign in first: use the sign-in button on the join page.",
} as const;

/** Compared as hashes of equal length in constant time, so that timing tells nothing about the code. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(hashSecret(given), "hex"), Buffer.from(hashSecret(expected), "hex"));
}

export async function createConsultation(
  deps: FrontDeskDeps,
  body: CreateConsultationBody,
): Promise<CreateConsultationResponse> {
  if (deps.createSecret !== undefined && !sameSecret(body.createSecret ?? "", deps.createSecret)) {
    throw new ApiError(
      403,
      "create_secret_required",
      "Creating a consultation on this server needs the organisers' creation code.",
    );
  }
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
  if (body.eligibility && body.access !== "verified")
    throw new ApiError(
      400,
      "invalid_request",
      'An eligibility rule applies to verified consultations only (access: "verified").',
    );
  const prepared = body.agenda === undefined ? undefined : agendaFromInput(body.agenda);
  if (prepared && !prepared.ok) throw new ApiError(400, prepared.code, prepared.message);
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
        access: body.access ?? "open",
      });
      if (prepared) await storeAgenda(deps.store, record.id, prepared, record.createdAt);
      if (body.eligibility) await deps.store.saveDocument(record.id, "eligibility", body.eligibility);
      return { id: record.id, joinCode: record.joinCode, facilitatorKey };
    } catch (error) {
      if (!(error instanceof DuplicateJoinCodeError)) throw error;
    }
  }
  throw new ApiError(503, "internal", "Could not draw a free join code; please try again.");
}

type DoorKey = { joinCode: string } | { facilitatorKey: string } | { invitationCode: string };
/** A join through a code, link or invitation; a sign-in's ticket goes through server/consultations/verified-door.ts. */
type DoorJoinBody = Exclude<JoinBody, { signInTicket: string }>;

interface FoundDoor {
  readonly consultation: ConsultationRecord;
  readonly role: Role;
  readonly door: Door;
  readonly invitation?: InvitationRecord;
}

async function findConsultation(deps: FrontDeskDeps, key: DoorKey): Promise<FoundDoor> {
  if ("joinCode" in key) {
    const code = normalizeJoinCode(key.joinCode);
    const consultation = isWellFormedJoinCode(code) ? await deps.store.findByJoinCode(code) : undefined;
    if (!consultation) throw new ApiError(404, "unknown_code", "No consultation has that join code.");
    return { consultation, role: "citizen", door: "join_code" };
  }
  if ("invitationCode" in key) {
    const invitation = await openInvitation(deps.store, key.invitationCode);
    const consultation = await deps.store.findConsultation(invitation.consultationId);
    if (!consultation) throw new ApiError(404, "unknown_consultation", "This consultation does not exist.");
    return { consultation, role: "citizen", door: "invitation", invitation };
  }
  const consultation = await deps.store.findByFacilitatorKeyHash(hashSecret(key.facilitatorKey));
  if (!consultation)
    throw new ApiError(404, "unknown_facilitator_key", "This facilitator link is not valid.");
  return { consultation, role: "facilitator", door: "facilitator_link" };
}

/** The consultation's code of conduct: its own, or the default of its language for older consultations. */
function codeOfConductOf(consultation: ConsultationRecord): string {
  return consultation.codeOfConduct || defaultCodeOfConduct(consultation.language);
}

/** What the door shows; the citizens' join code only to the holder of the facilitator key. */
export async function previewConsultation(
  deps: FrontDeskDeps,
  key: DoorKey,
): Promise<Omit<ConsultationPreview, "privacy">> {
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

/** Refuses a newcomer who would not fit into the hall; facilitators always get in. */
export async function ensureHallRoom(deps: FrontDeskDeps, consultationId: string): Promise<void> {
  if (!deps.hall) return;
  const present = await deps.hall.occupancy(consultationId);
  // Unknown while Redis is unreachable: the door stays open, and the room list is right again soon.
  if (present !== undefined && !hallAdmits(present, false, deps.hall.capacity))
    throw new ApiError(
      409,
      "hall_full",
      "The hall is full: every seat and all the standing room are taken. Please try again when someone leaves.",
    );
}

/** The acceptance, name and colour everyone gives at the door, checked: the name and colour to keep. */
export function checkArrival(body: JoinBody): { readonly name: string; readonly color: string } {
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
  return { name: name.name, color: body.color.toLowerCase() };
}

/** What the door answers someone it let in: their participant and a fresh session token. */
export function admission(
  deps: FrontDeskDeps,
  consultation: ConsultationRecord,
  participantId: string,
  role: Role,
): JoinResponse {
  const expiresAt = Math.floor(deps.now() / 1000) + deps.sessionTtlSeconds;
  const sessionToken = issueSessionToken(deps.sessionSecret, {
    consultationId: consultation.id,
    participantId,
    role,
    expiresAt,
  });
  return {
    consultationId: consultation.id,
    participantId,
    sessionToken,
    expiresAt: expiresAt * 1000,
    role,
    ...(role === "facilitator" ? { joinCode: consultation.joinCode } : {}),
  };
}

/**
 * Refuses a browser whose device key a removal or a ban shut out of the consultation; answers the
 * key's hash to keep with the newcomer.
 */
export async function admitDevice(
  deps: FrontDeskDeps,
  consultationId: string,
  deviceKey: string | undefined,
): Promise<string | undefined> {
  const deviceKeyHash = deviceKey === undefined ? undefined : hashSecret(deviceKey);
  const shutOut =
    deviceKeyHash === undefined ? undefined : await deps.store.deviceShutOut(consultationId, deviceKeyHash);
  if (shutOut === "banned")
    throw new ApiError(403, "banned", "This browser has been banned from this consultation.");
  // A removal holds at the door too: coming back with the join code is not a way around it.
  if (shutOut === "removed")
    throw new ApiError(403, "removed", "A facilitator removed you from this consultation.");
  return deviceKeyHash;
}

export async function admitParticipant(deps: FrontDeskDeps, body: DoorJoinBody): Promise<JoinResponse> {
  const { consultation, role, door, invitation } = await findConsultation(deps, body);
  const closedDoor = doorRefusal(consultation.access, door);
  if (closedDoor) throw new ApiError(403, closedDoor, DOOR_REFUSALS[closedDoor]);
  const deviceKeyHash = await admitDevice(deps, consultation.id, body.deviceKey);
  // The facilitator link still opens a locked consultation: whoever runs it must be able to come back,
  // and so does an invitation's holder who was in already.
  if (consultation.locked && role !== "facilitator" && !invitation?.holderEntered) {
    throw new ApiError(403, "room_locked", "This consultation is locked: nobody new can join.");
  }
  if (role !== "facilitator") await ensureHallRoom(deps, consultation.id);
  const { name, color } = checkArrival(body);
  const newcomer: ParticipantRecord = {
    id: newId(),
    consultationId: consultation.id,
    displayName: name,
    color,
    role,
    createdAt: deps.now(),
    deviceKeyHash,
    door,
  };
  const participant = await storeEntry(deps, body, newcomer);
  return admission(deps, consultation, participant.id, participant.role);
}

/** Stores whom this entry admits, and answers who they are: the newcomer, or an invitation's holder. */
async function storeEntry(
  deps: FrontDeskDeps,
  body: DoorJoinBody,
  newcomer: ParticipantRecord,
): Promise<ParticipantRecord> {
  if ("invitationCode" in body) return enterWithInvitation(deps.store, body.invitationCode, newcomer);
  if ("facilitatorKey" in body) {
    // The key is checked again with the consultation's row held: a replacement of the link that commits
    // after the lookup above leaves this participant out, and one that waits for this one ends it. The
    // first to come through the link becomes the lead.
    const keyHash = hashSecret(body.facilitatorKey);
    await deps.store.transaction(async (tx) => {
      const claimed = await tx.claimFacilitatorDoor(keyHash, newcomer.id);
      if (claimed?.id !== newcomer.consultationId)
        throw new ApiError(404, "unknown_facilitator_key", "This facilitator link is not valid.");
      await tx.addParticipant(newcomer);
    });
    return newcomer;
  }
  await deps.store.addParticipant(newcomer);
  return newcomer;
}
