/**
 * Every message a client may send to the room, with the schema the server checks it against.
 * Anything else is refused.
 */
import { z } from "zod";
import { DEVICE_KINDS } from "./roles.ts";

const finite = z.number().finite();

/** Position (x, y, z) and rotation quaternion (x, y, z, w) of one tracked part, in metres. */
export const PoseTuple = z.tuple([finite, finite, finite, finite, finite, finite, finite]);
export type PoseTuple = z.infer<typeof PoseTuple>;

export const ClientMessages = {
  /** Head and both hands; `t` is the sender's clock, only echoed for latency measurements. */
  pose: z.strictObject({ head: PoseTuple, leftHand: PoseTuple, rightHand: PoseTuple, t: finite.optional() }),
  sit: z.strictObject({ seat: z.number().int().min(0).max(10_000) }),
  stand: z.strictObject({}),
  device: z.strictObject({ kind: z.enum(DEVICE_KINDS) }),
} as const;

export type ClientMessageType = keyof typeof ClientMessages;
export type ClientMessage<K extends ClientMessageType> = z.infer<(typeof ClientMessages)[K]>;

/** Poses a sender may have applied per second; more are dropped (not an error: clocks jitter). */
export const MAX_POSES_PER_SECOND = 30;
/** Frames per second (pings included) above which a client is treated as flooding and disconnected. */
export const MAX_FRAMES_PER_SECOND = 80;
/** How far a hand may be from its head before the pose is refused as impossible. */
export const MAX_ARM_REACH = 1.5;

export const SERVER_ERROR_MESSAGE = "error";

/** Close codes the room uses beyond Colyseus's own, so that clients can explain why they were let go. */
export const CLOSE_CODES = {
  /** The same participant joined again from another tab or device. */
  replacedBySameParticipant: 4101,
} as const;
