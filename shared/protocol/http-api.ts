/** Bodies and answers of the HTTP API, shared so that the client and the server cannot drift apart. */
import { z } from "zod";
import { CODE_OF_CONDUCT_MAX } from "../consultation/code-of-conduct.ts";
import { AgendaInput } from "./consultation-messages.ts";
import { DEVICE_KINDS, LANGUAGES, type Role } from "./roles.ts";

export const TITLE_MAX = 120;

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
});
export type CreateConsultationBody = z.infer<typeof CreateConsultationBody>;

export interface CreateConsultationResponse {
  id: string;
  joinCode: string;
  facilitatorKey: string;
}

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

export const JoinBody = z.union([
  z.strictObject({ joinCode: z.string().min(1).max(64), ...joinCommon }),
  z.strictObject({ facilitatorKey: z.string().min(1).max(256), ...joinCommon }),
]);
export type JoinBody = z.infer<typeof JoinBody>;

/** Lets the join page show which consultation a code or facilitator link opens, before anyone joins. */
export const PreviewBody = z.union([
  z.strictObject({ joinCode: z.string().min(1).max(64) }),
  z.strictObject({ facilitatorKey: z.string().min(1).max(256) }),
]);
export type PreviewBody = z.infer<typeof PreviewBody>;

export interface JoinResponse {
  consultationId: string;
  participantId: string;
  sessionToken: string;
  /**
   * When the session token stops opening the room, in milliseconds since the epoch: a browser that
   * keeps the session forgets it then (client/src/app/saved-sessions.ts).
   */
  expiresAt: number;
  role: Role;
  /** The citizens' join code, told to facilitators only (so that they can share it). */
  joinCode?: string;
}

/** What the join page may learn about a code before the person picks a name. */
export interface ConsultationPreview {
  id: string;
  title: string;
  language: string;
  /** The rules everyone accepts at the door. */
  codeOfConduct: string;
  /** The citizens' join code, answered for a facilitator key only. */
  joinCode?: string;
  /** What the door's privacy notice says about this server. */
  privacy: DoorPrivacy;
}

/** The operator's side of the privacy notice at the door (README: configuration). */
export interface DoorPrivacy {
  /** Who is responsible for the data (`PRIVACY_CONTROLLER`), when the operator named them. */
  controller?: string;
  /** An e-mail or web address to reach them about the data (`PRIVACY_CONTACT`), when set. */
  contact?: string;
  /** Days after a consultation's creation when the names and what people wrote are purged. */
  retentionDays: number;
  /**
   * How voice travels: `peer_to_peer` gives every connected peer this browser's network address;
   * `livekit` keeps addresses between each participant and the voice server.
   */
  voice: "peer_to_peer" | "livekit";
}

/** `POST /api/voice-token` with `Authorization: Bearer <sessionToken>`: how this participant connects voice. */
export type VoiceTokenResponse =
  | { mode: "livekit"; url: string; token: string }
  | { mode: "mesh"; iceServers: { urls: string[] }[] };

/**
 * `POST /api/facilitator-key` with the lead facilitator's session: a new facilitator link, shown once;
 * the old one stops working.
 */
export interface FacilitatorKeyResponse {
  facilitatorKey: string;
}

export interface HealthResponse {
  status: "ok";
  rooms: number;
  participants: number;
}

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
