/**
 * Every message a client may send to the room, with the schema the server checks it against.
 * Anything else is refused.
 */
import { z } from "zod";
import { DEVICE_KINDS } from "./roles.ts";

const finite = z.number().finite();

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
  /** Peer-to-peer voice signalling, relayed by the room to one other participant (who is told the sender). */
  signal: z.strictObject({
    to: z.string().min(1).max(64),
    description: z.strictObject({ type: z.enum(["offer", "answer"]), sdp: z.string().max(MAX_SDP_LENGTH) }).optional(),
    candidate: z
      .strictObject({
        candidate: z.string().max(1024),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .optional(),
  }),
} as const;

/** What the room relays to the addressee of a `signal`: the sender is filled in by the server. */
export interface RelayedSignal {
  readonly from: string;
  readonly description?: { type: "offer" | "answer"; sdp: string };
  readonly candidate?: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null };
}

export const SIGNAL_MESSAGE = "signal";

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
