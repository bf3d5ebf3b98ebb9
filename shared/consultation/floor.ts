/**
 * The floor: at most one participant holds it, optionally for a limited time. When the time is up the
 * speaker keeps talking through a short grace period, then loses the floor and is muted, unless a
 * facilitator extends the time first.
 */
import { lowerHand, nextInLine, type SpeakingQueue } from "./speaking-queue.ts";

/** How long a speaker may finish their sentence after the countdown reaches zero. */
export const FLOOR_GRACE_MS = 5_000;
/** Longest time limit or extension a facilitator may set at once, in seconds. */
export const MAX_FLOOR_SECONDS = 3_600;

export interface Floor {
  /** Who holds the floor; undefined when nobody does. */
  readonly holderId: string | undefined;
  /** When the time limit runs out (epoch ms); undefined for no limit. */
  readonly endsAt: number | undefined;
}

export const NO_FLOOR: Floor = { holderId: undefined, endsAt: undefined };

export type FloorResult =
  | { ok: true; floor: Floor; queue: SpeakingQueue; previousHolderId: string | undefined }
  | { ok: false; code: "queue_empty" | "nobody_has_floor" };

function endsAtFor(now: number, limitSeconds: number | undefined): number | undefined {
  return limitSeconds === undefined ? undefined : now + limitSeconds * 1000;
}

/** Gives the floor to `participantId` (whose hand comes down), taking it from whoever held it. */
export function giveFloor(
  floor: Floor,
  queue: SpeakingQueue,
  participantId: string,
  now: number,
  limitSeconds?: number,
): FloorResult {
  return {
    ok: true,
    floor: { holderId: participantId, endsAt: endsAtFor(now, limitSeconds) },
    queue: lowerHand(queue, participantId),
    previousHolderId: floor.holderId,
  };
}

/** Gives the floor to the first hand in the queue. */
export function giveFloorToNext(
  floor: Floor,
  queue: SpeakingQueue,
  now: number,
  limitSeconds?: number,
): FloorResult {
  const next = nextInLine(queue);
  if (next === undefined) return { ok: false, code: "queue_empty" };
  return giveFloor(floor, queue, next, now, limitSeconds);
}

export function takeFloor(floor: Floor, queue: SpeakingQueue): FloorResult {
  if (floor.holderId === undefined) return { ok: false, code: "nobody_has_floor" };
  return { ok: true, floor: NO_FLOOR, queue, previousHolderId: floor.holderId };
}

/** Adds time to the current speaker, counted from now when the countdown already ran out (even in its grace). */
export function extendFloor(
  floor: Floor,
  seconds: number,
  now: number,
): { ok: true; floor: Floor } | { ok: false; code: "nobody_has_floor" } {
  if (floor.holderId === undefined) return { ok: false, code: "nobody_has_floor" };
  const from = Math.max(floor.endsAt ?? now, now);
  return { ok: true, floor: { holderId: floor.holderId, endsAt: from + seconds * 1000 } };
}

export type FloorPhase = "free" | "unlimited" | "counting" | "grace" | "expired";

/** Where the floor stands at `now`: the room ends it once `expired`. */
export function floorPhase(floor: Floor, now: number, graceMs = FLOOR_GRACE_MS): FloorPhase {
  if (floor.holderId === undefined) return "free";
  if (floor.endsAt === undefined) return "unlimited";
  if (now < floor.endsAt) return "counting";
  if (now < floor.endsAt + graceMs) return "grace";
  return "expired";
}
