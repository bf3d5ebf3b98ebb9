/**
 * When the hall connection comes back by itself, and how patiently. A short drop is mended by the SDK's
 * own reconnection into the same room; when that room is gone (the server restarted, or the SDK gave
 * up), the tab joins again through the normal path with the session it already has.
 */
import { CloseCode } from "@colyseus/sdk";
import { CLOSE_CODES } from "../../../shared/protocol/room-messages.ts";

/** The SDK's reconnection settings: try from the first second, quickly, for longer than the server's grace. */
export const SDK_RECONNECTION = { minUptime: 0, maxDelay: 2000, maxRetries: 40 } as const;

/**
 * Closes after which joining again would be wrong: the tab left on purpose, the server let it go for
 * an error, a newer tab took over, or a facilitator removed or banned the person.
 */
const FINAL_CLOSES: ReadonlySet<number> = new Set([
  CloseCode.CONSENTED,
  CloseCode.WITH_ERROR,
  ...Object.values(CLOSE_CODES),
]);

/** Whether the tab should join the consultation again by itself after its room closed with `code`. */
export function shouldRejoin(code: number): boolean {
  return !FINAL_CLOSES.has(code);
}

/** Join attempts after the room is gone: about two minutes, enough for a server restart. */
export const MAX_REJOIN_ATTEMPTS = 40;

/** Wait before join attempt `attempt` (1-based): quick at first, then every three seconds. */
export function rejoinDelay(attempt: number): number {
  return Math.min(3000, 250 * 2 ** (attempt - 1));
}

/** Join refusals that no retry can mend: the session is over or was never valid here. */
export const FINAL_JOIN_FAILURES: ReadonlySet<string> = new Set([
  "invalid_session",
  "unknown_consultation",
  "removed",
  "banned",
  "erased",
  "facilitator_link_replaced",
  "not_allowed",
  "room_locked",
]);
