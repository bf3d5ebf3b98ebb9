/** Bodies and answers of the HTTP API, shared so that the client and the server cannot drift apart. */
import { z } from "zod";
import { CODE_OF_CONDUCT_MAX } from "../consultation/code-of-conduct.ts";
import { TITLE_MAX } from "../consultation/consultation-title.ts";
import { ELIGIBLE_VALUES_MAX } from "../consultation/eligibility.ts";
import { INVITATION_STATES, MAX_INVITATIONS } from "../consultation/invitations.ts";
import { ACCESS_MODES } from "./access-modes.ts";
import { AgendaInput } from "./consultation-messages.ts";
import { DEVICE_KINDS, LANGUAGES, ROLES } from "./roles.ts";

export const EligibilityRuleInput = z.strictObject({
  claim: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, "a claim name, or a dotted path like address.postal_code"),
  values: z.array(z.string().trim().min(1).max(100)).min(1).max(ELIGIBLE_VALUES_MAX),
  scope: z
    .string()
    .regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/, "one OAuth scope")
    .optional(),
});

export const CreateConsultationBody = z.strictObject({
  title: z.string().trim().min(1).max(TITLE_MAX),
  language: z.enum(LANGUAGES),
  /** Shown at the door, to be accepted before joining; the language's default when left out. */
  codeOfConduct: z
    .string()
    .max(CODE_OF_CONDUCT_MAX * 2)
    .optional(),
  /** The agenda prepared in advance, each item optionally with a poll opened when it starts. */
  agenda: AgendaInput.optional(),
  /** Who may take part (shared/consultation/access.ts); `open` when left out. */
  access: z.enum(ACCESS_MODES).optional(),
  /** Required when the server was started with `CREATE_SECRET`: only the operator's staff create. */
  createSecret: z.string().max(256).optional(),
  /** Verified consultations: one claim of the provider's that must have one of these values. */
  eligibility: EligibilityRuleInput.optional(),
});
export type CreateConsultationBody = z.infer<typeof CreateConsultationBody>;

/** `GET /api/create-options`: what the create form must ask for on this server. */
export const CreateOptionsResponse = z.strictObject({
  /** The server requires the operator's creation code (`CREATE_SECRET`) to create a consultation. */
  secretRequired: z.boolean(),
});
export type CreateOptionsResponse = z.infer<typeof CreateOptionsResponse>;

export const CreateConsultationResponse = z.strictObject({
  id: z.string(),
  joinCode: z.string(),
  /** The secret facilitator link's key, shown once. */
  facilitatorKey: z.string(),
});
export type CreateConsultationResponse = z.infer<typeof CreateConsultationResponse>;

/**
 * A random key the browser makes once and keeps (local storage), sent with every join so that a ban
 * can refuse the same browser's next join. Only its SHA-256 hash is stored. Optional: without it a
 * ban holds only the banned session.
 */
export const DeviceKey = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

const joinCommon = {
  displayName: z.string().max(1000),
  color: z.string().max(32),
  deviceKey: DeviceKey.optional(),
  /** Must be `true`: nobody joins without accepting the consultation's code of conduct. */
  acceptCodeOfConduct: z.boolean().optional(),
};

/** An invitation code as typed or linked: grouped or not, checked properly by the front desk. */
const invitationCode = z.string().min(1).max(64);

export const JoinBody = z.union([
  z.strictObject({ joinCode: z.string().min(1).max(64), ...joinCommon }),
  z.strictObject({ facilitatorKey: z.string().min(1).max(256), ...joinCommon }),
  /** Verified consultations: the one-use ticket the sign-in callback gave the join page. */
  z.strictObject({ signInTicket: z.string().min(1).max(256), ...joinCommon }),
  z.strictObject({ invitationCode, ...joinCommon }),
]);
export type JoinBody = z.infer<typeof JoinBody>;

/** Lets the join page show which consultation a code or facilitator link opens, before anyone joins. */
export const PreviewBody = z.union([
  z.strictObject({ joinCode: z.string().min(1).max(64) }),
  z.strictObject({ facilitatorKey: z.string().min(1).max(256) }),
  z.strictObject({ invitationCode }),
]);
export type PreviewBody = z.infer<typeof PreviewBody>;

export const JoinResponse = z.strictObject({
  consultationId: z.string(),
  participantId: z.string(),
  sessionToken: z.string(),
  /**
   * When the session token stops opening the room, in milliseconds since the epoch: a browser that
   * keeps the session forgets it then (client/src/app/saved-sessions.ts).
   */
  expiresAt: z.number().int(),
  role: z.enum(ROLES),
  /** The citizens' join code, told to facilitators only (so that they can share it). */
  joinCode: z.string().optional(),
});
export type JoinResponse = z.infer<typeof JoinResponse>;

/** The operator's side of the privacy notice at the door (README: configuration). */
export const DoorPrivacy = z.strictObject({
  /** Who is responsible for the data (`PRIVACY_CONTROLLER`), when the operator named them. */
  controller: z.string().optional(),
  /** An e-mail or web address to reach them about the data (`PRIVACY_CONTACT`), when set. */
  contact: z.string().optional(),
  /** Days after a consultation's creation when the names and what people wrote are purged. */
  retentionDays: z.number().int(),
  /**
   * How voice travels: `peer_to_peer` gives every connected peer this browser's network address;
   * `livekit` keeps addresses between each participant and the voice server.
   */
  voice: z.enum(["peer_to_peer", "livekit"]),
});
export type DoorPrivacy = z.infer<typeof DoorPrivacy>;

/** What the join page may learn about a code before the person picks a name. */
export const ConsultationPreview = z.strictObject({
  id: z.string(),
  title: z.string(),
  language: z.string(),
  /** The rules everyone accepts at the door. */
  codeOfConduct: z.string(),
  /** Who may take part, so that the door can tell a citizen which way in they need. */
  access: z.enum(ACCESS_MODES),
  /** The citizens' join code, answered for a facilitator key only. */
  joinCode: z.string().optional(),
  /** What the door's privacy notice says about this server. */
  privacy: DoorPrivacy,
});
export type ConsultationPreview = z.infer<typeof ConsultationPreview>;

/** `POST /api/voice-token` with `Authorization: Bearer <sessionToken>`: how this participant connects voice. */
export const VoiceTokenResponse = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("livekit"), url: z.string(), token: z.string() }),
  z.strictObject({
    mode: z.literal("mesh"),
    iceServers: z.array(z.strictObject({ urls: z.array(z.string()) })),
  }),
]);
export type VoiceTokenResponse = z.infer<typeof VoiceTokenResponse>;

/**
 * `POST /api/facilitator-key` with the lead facilitator's session: a new facilitator link, shown once;
 * the old one stops working.
 */
export const FacilitatorKeyResponse = z.strictObject({ facilitatorKey: z.string() });
export type FacilitatorKeyResponse = z.infer<typeof FacilitatorKeyResponse>;

/** A service Plenum depends on, as this process sees it; `not_configured` when it runs without it. */
export const DependencyHealth = z.enum(["ok", "unavailable", "not_configured"]);
export type DependencyHealth = z.infer<typeof DependencyHealth>;

/**
 * `GET /healthz`: 200 while this process can serve, 503 (`status: "unavailable"`) while its store
 * cannot be reached, so that a load balancer sends people elsewhere. Redis and LiveKit are reported
 * but do not make it 503: the halls go on without them (joining waits for Redis, voice for LiveKit).
 */
export const HealthResponse = z.strictObject({
  status: z.enum(["ok", "unavailable"]),
  rooms: z.number().int().min(0),
  participants: z.number().int().min(0),
  dependencies: z.strictObject({
    store: DependencyHealth,
    redis: DependencyHealth,
    livekit: DependencyHealth,
  }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** `POST /api/slides` with `Authorization: Bearer <sessionToken>` and a PNG, JPEG or WebP body. */
export const SlideUploadResponse = z.strictObject({
  id: z.string(),
  index: z.number().int().min(0),
  url: z.string(),
});
export type SlideUploadResponse = z.infer<typeof SlideUploadResponse>;

/** Options a client passes to `joinOrCreate(ROOM_NAME, options)`; anything else is ignored. */
export const RoomJoinOptions = z.object({
  consultationId: z.string().min(1).max(64),
  sessionToken: z.string().min(1).max(2048),
  device: z.enum(DEVICE_KINDS).optional(),
  deviceKey: DeviceKey.optional(),
  /**
   * `console`: a facilitator's second screen. It gets no avatar and does not replace the participant's
   * hall connection; only facilitators and co-facilitators may join this way.
   */
  view: z.enum(["hall", "console"]).optional(),
});
export type RoomJoinOptions = z.infer<typeof RoomJoinOptions>;

export const ROOM_NAME = "town_hall";

/**
 * `POST /api/invitations` with a facilitator's or co-facilitator's session: a number of invitations, or
 * one per label (cleaned and limited by shared/consultation/invitations.ts).
 */
export const CreateInvitationsBody = z.union([
  z.strictObject({
    consultationId: z.string().min(1).max(64),
    count: z.number().int().min(1).max(MAX_INVITATIONS),
  }),
  z.strictObject({
    consultationId: z.string().min(1).max(64),
    labels: z.array(z.string().max(1000)).min(1).max(MAX_INVITATIONS),
  }),
]);
export type CreateInvitationsBody = z.infer<typeof CreateInvitationsBody>;

/** A new invitation, shown once: only a hash of its code is kept. */
export const CreatedInvitation = z.strictObject({
  id: z.string(),
  /** Grouped for reading aloud (`KX7M-3PAC-HT4W-9RNE`). */
  code: z.string(),
  /** `/i/<code>`, relative to the server's address. */
  link: z.string(),
  label: z.string().optional(),
});
export type CreatedInvitation = z.infer<typeof CreatedInvitation>;

export const CreateInvitationsResponse = z.strictObject({ invitations: z.array(CreatedInvitation) });
export type CreateInvitationsResponse = z.infer<typeof CreateInvitationsResponse>;

export const InvitationState = z.enum(INVITATION_STATES);

/** `GET /api/invitations?consultationId=`: every invitation, in the order they were made, without codes. */
export const InvitationListResponse = z.strictObject({
  invitations: z.array(
    z.strictObject({ id: z.string(), label: z.string().optional(), state: InvitationState }),
  ),
});
export type InvitationListResponse = z.infer<typeof InvitationListResponse>;

/** `POST /api/invitations/<id>/revoke`: the invitation, closed for good. */
export const RevokedInvitation = z.strictObject({ id: z.string(), state: z.literal("revoked") });
export type RevokedInvitation = z.infer<typeof RevokedInvitation>;
