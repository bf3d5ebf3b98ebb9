/**
 * The floor as people see it: who speaks, how long is left, and one's own place in the queue. The room
 * state carries `endsAt` in server epoch milliseconds (0 without a limit); clocks are compared with
 * `Date.now()`.
 */
import { type FloorPhase, floorPhase } from "../../../shared/consultation/floor.ts";

export interface FloorState {
  /** "" when nobody holds the floor. */
  readonly holderId: string;
  /** Epoch ms; 0 without a limit. */
  readonly endsAt: number;
  readonly graceMs: number;
}

export interface FloorClock {
  readonly phase: FloorPhase;
  /** Milliseconds until the limit (counting) or until the grace ends (grace); 0 otherwise. */
  readonly remainingMs: number;
}

export function floorClock(floor: FloorState, now: number): FloorClock {
  const phase = floorPhase(
    { holderId: floor.holderId || undefined, endsAt: floor.endsAt > 0 ? floor.endsAt : undefined },
    now,
    floor.graceMs,
  );
  const remainingMs =
    phase === "counting" ? floor.endsAt - now : phase === "grace" ? floor.endsAt + floor.graceMs - now : 0;
  return { phase, remainingMs: Math.max(0, remainingMs) };
}

/** "m:ss", rounded up so that the last second shows as 0:01, not 0:00. */
export function formatCountdown(ms: number): string {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** One's place in the queue, counting from 1; 0 when one's hand is not up. */
export function queuePlace(queue: readonly string[], participantId: string): number {
  return queue.indexOf(participantId) + 1;
}

/** A time limit typed by a facilitator: empty means none; otherwise whole seconds from 1 to `max`. */
export function parseLimitSeconds(text: string, max: number): number | undefined | "invalid" {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (!/^\d+$/.test(trimmed)) return "invalid";
  const seconds = Number(trimmed);
  return seconds >= 1 && seconds <= max ? seconds : "invalid";
}
