/** Bodies and answers of the HTTP API, shared so that the client and the server cannot drift apart. */
import { z } from "zod";
import { DEVICE_KINDS, LANGUAGES, type Role } from "./roles.ts";

export const TITLE_MAX = 120;

export const CreateConsultationBody = z.strictObject({
  title: z.string().trim().min(1).max(TITLE_MAX),
  language: z.enum(LANGUAGES),
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
  role: Role;
}

/** What the join page may learn about a code before the person picks a name. */
export interface ConsultationPreview {
  id: string;
  title: string;
  language: string;
}

/** `POST /api/voice-token` with `Authorization: Bearer <sessionToken>`: how this participant connects voice. */
export type VoiceTokenResponse = { mode: "livekit"; url: string; token: string } | { mode: "mesh" };

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
});
export type RoomJoinOptions = z.infer<typeof RoomJoinOptions>;

export const ROOM_NAME = "town_hall";
