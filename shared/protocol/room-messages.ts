/**
 * Every message a client may send to the room, with the schema the server checks it against.
 * Anything else is refused.
 */
import { z } from "zod";
import { AuditCounts, AuditEntry } from "../consultation/audit.ts";
import { MAX_FLOOR_SECONDS } from "../consultation/floor.ts";
import { ASSIGNABLE_ROLES } from "../consultation/roles.ts";
import { SPEAKING_MODES } from "../consultation/speaking-mode.ts";
import { ACCESS_MODES } from "./access-modes.ts";
import { ErrorBody } from "./error-codes.ts";
import type { PersonalDataExport } from "./personal-data.ts";
import { DEVICE_KINDS } from "./roles.ts";

const finite = z.number().finite();
const participantId = z.string().min(1).max(64);
/** Checked again by `checkReason` (shared/consultation/moderation.ts), which gives `invalid_reason`. */
const reason = z.string().max(1000);
const floorSeconds = z.number().int().min(1).max(MAX_FLOOR_SECONDS);

/** An audio-only session description is a few kilobytes; this leaves room without allowing abuse. */
export const MAX_SDP_LENGTH = 12_000;

/** Position (x, y, z) and rotation quaternion (x, y, z, w) of one tracked part, in metres. */
export const PoseTuple = z.tuple([finite, finite, finite, finite, finite, finite, finite]);
export type PoseTuple = z.infer<typeof PoseTuple>;

export const ClientMessages = {
  /** Head and both hands; `t` is the sender's clock, only echoed for latency measurements. */
  pose: z.strictObject({ head: PoseTuple, leftHand: PoseTuple, rightHand: PoseTuple, t: finite.optional() }),
  sit: z.strictObject({ seat: z.number().int().min(0).max(10_000) }),
  stand: z.strictObject({}),
  device: z.strictObject({ kind: z.enum(DEVICE_KINDS) }),
  /** The sender's own microphone state, shown to everyone. */
  mute: z.strictObject({ muted: z.boolean() }),
  /** The sender's low-bandwidth mode: while on, the room sends it far fewer full poses. */
  low_bandwidth: z.strictObject({ on: z.boolean() }),
  /** Peer-to-peer voice signalling, relayed by the room to one other participant (who is told the sender). */
  signal: z.strictObject({
    to: z.string().min(1).max(64),
    description: z
      .strictObject({ type: z.enum(["offer", "answer"]), sdp: z.string().max(MAX_SDP_LENGTH) })
      .optional(),
    candidate: z
      .strictObject({
        candidate: z.string().max(1024),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .optional(),
  }),
  /** Put one's own hand up (joins the speaking queue; raising again keeps the place). */
  raise_hand: z.strictObject({}),
  /** Put one's own hand down, or, for facilitators, someone else's (`participantId`). */
  lower_hand: z.strictObject({ participantId: participantId.optional() }),
  /** Give the floor to someone, or to the first in the queue, optionally for `limitSeconds`. */
  give_floor: z.union([
    z.strictObject({ participantId, limitSeconds: floorSeconds.optional() }),
    z.strictObject({ next: z.literal(true), limitSeconds: floorSeconds.optional() }),
  ]),
  take_floor: z.strictObject({}),
  /** Add time to the current speaker's limit. */
  extend_floor: z.strictObject({ seconds: floorSeconds }),
  set_mode: z.strictObject({ mode: z.enum(SPEAKING_MODES) }),
  /** A facilitator's mute: the person cannot unmute until a facilitator lifts it. */
  mute_participant: z.strictObject({ participantId, reason: reason.optional() }),
  /** Lifts a facilitator's mute; the person's own microphone stays as they set it. */
  unmute_participant: z.strictObject({ participantId }),
  /** Mutes everyone except facilitators, co-facilitators and the floor holder. */
  mute_all: z.strictObject({}),
  move_participant: z.strictObject({ participantId, seat: z.number().int().min(0).max(10_000) }),
  remove_participant: z.strictObject({ participantId, reason }),
  ban_participant: z.strictObject({ participantId, reason }),
  lock_room: z.strictObject({ locked: z.boolean() }),
  /** Who may take part from now on (shared/consultation/access.ts). */
  set_access: z.strictObject({ access: z.enum(ACCESS_MODES) }),
  set_role: z.strictObject({ participantId, role: z.enum(ASSIGNABLE_ROLES) }),
  /**
   * The lead takes facilitator rights from a facilitator or co-facilitator, present or not: they become
   * a citizen.
   */
  demote_facilitator: z.strictObject({ participantId }),
  /** Anyone may report anyone else; facilitators receive it at once (`report_received`). */
  report: z.strictObject({ participantId, reason }),
  /** A request (`room.request("audit_log", {})`): answered with an `AuditLogResponse`. */
  audit_log: z.strictObject({}),
  /** A request: what the consultation holds about the sender, answered with a `MyDataResponse`. Audited. */
  my_data: z.strictObject({}),
  /**
   * A request: forgets the sender ("Erase me"), answered with an `EraseMeResponse`; then the room lets
   * every connection of theirs go (`CLOSE_CODES.erasedOnRequest`). It names nobody: one erases oneself.
   */
  erase_me: z.strictObject({}),
  /** A request (`room.request("people", {})`): everyone who came, answered with a `PeopleResponse`. */
  people: z.strictObject({}),
} as const;

export type MyDataResponse = { ok: true; data: PersonalDataExport } | { ok: false; error: ErrorBody };
export type EraseMeResponse = { ok: true } | { ok: false; error: ErrorBody };

/**
 * Sent to facilitators and co-facilitators when someone erased themselves: their consoles forget the
 * reports that named them.
 */
export const PARTICIPANT_ERASED_MESSAGE = "participant_erased";
export interface ParticipantErased {
  readonly participantId: string;
}

/** How someone came in: the door they entered through. */
export const DOORS = ["join_code", "facilitator_link", "invitation", "identity"] as const;
export type Door = (typeof DOORS)[number];

/** How someone holds facilitator rights, for the console's list. */
export type FacilitationGrant =
  /** The first to enter through the facilitator link when the consultation was made. */
  | { readonly kind: "lead" }
  /** Entered through the facilitator link later. */
  | { readonly kind: "facilitator_link" }
  /** Promoted to co-facilitator in the room, by `byName` (empty once purged). */
  | { readonly kind: "promoted"; readonly byName: string };

/** One person who came to the consultation, as facilitators see them in the `people` list. */
export interface PersonEntry {
  readonly id: string;
  readonly name: string;
  readonly color: string;
  /** The current role. */
  readonly role: string;
  /** `active`, or why the session is over: `removed`, `banned`, `link_replaced`. */
  readonly status: string;
  readonly door: Door;
  /** In the hall (or on a console) now. */
  readonly present: boolean;
  /** When they first entered the hall; absent for someone who never got further than the door. */
  readonly enteredAt?: number;
  /** Set for whoever holds facilitator rights (facilitators and co-facilitators). */
  readonly grant?: FacilitationGrant;
}

/** The answer to a `people` request: everyone who came, facilitators first, or the refusal. */
export type PeopleResponse = { ok: true; people: PersonEntry[] } | { ok: false; error: ErrorBody };

/** Sent to facilitators and co-facilitators only, as soon as someone reports someone. */
export const REPORT_RECEIVED_MESSAGE = "report_received";
export const ReportReceived = z.object({
  id: z.number().int(),
  at: z.number(),
  fromId: z.string(),
  fromName: z.string(),
  aboutId: z.string(),
  aboutName: z.string(),
  reason: z.string(),
});
export type ReportReceived = Readonly<z.infer<typeof ReportReceived>>;

/** The answer to an `audit_log` request: the log with counts, or the refusal. */
export const AuditLogResponse = z.union([
  z.object({ ok: z.literal(true), entries: z.array(AuditEntry), counts: AuditCounts }),
  z.object({ ok: z.literal(false), error: ErrorBody }),
]);
export type AuditLogResponse = z.infer<typeof AuditLogResponse>;

/** What the room relays to the addressee of a `signal`: the sender is filled in by the server. */
export const RelayedSignal = ClientMessages.signal.omit({ to: true }).extend({ from: z.string() });
export type RelayedSignal = Readonly<z.infer<typeof RelayedSignal>>;

export const SIGNAL_MESSAGE = "signal";

export type ClientMessageType = keyof typeof ClientMessages;
export type ClientMessage<K extends ClientMessageType> = z.infer<(typeof ClientMessages)[K]>;

/** Poses a sender may have applied per second; more are dropped (not an error: clocks jitter). */
export const MAX_POSES_PER_SECOND = 30;
/**
 * Frames per second (pings included) above which a client is treated as flooding and disconnected.
 * Honest clients burst well past their pose rate: peer-to-peer voice trickles a dozen ICE candidates to
 * each of up to eight peers at once, and a tab that stalled sends its backlog together.
 */
export const MAX_FRAMES_PER_SECOND = 300;
/** How far a hand may be from its head before the pose is refused as impossible. */
export const MAX_ARM_REACH = 1.5;

export const SERVER_ERROR_MESSAGE = "error";

/**
 * Sent to everyone when the server process is stopping (SIGTERM): what must last is stored, and the
 * clients come back on their own once it runs again.
 */
export const SERVER_RESTARTING_MESSAGE = "server_restarting";

/** Close codes the room uses beyond Colyseus's own, so that clients can explain why they were let go. */
export const CLOSE_CODES = {
  /** The same participant joined again from another tab or device. */
  replacedBySameParticipant: 4101,
  /** A facilitator removed this participant; the close reason carries theirs. The session is over. */
  removedByFacilitator: 4102,
  /** A facilitator banned this participant from the consultation; the close reason carries theirs. */
  bannedByFacilitator: 4103,
  /**
   * The lead replaced the facilitator link this participant entered through: the session is over and
   * its token opens nothing any more.
   */
  facilitatorLinkReplaced: 4104,
  /** The participant erased themselves ("Erase me"): the session is over and the room forgot them. */
  erasedOnRequest: 4105,
  /** The organisers revoked the invitation this participant entered with: the session is over. */
  invitationRevoked: 4106,
} as const;
