/**
 * Dropped hall connections: which ones the room holds for the participant to come back to (Colyseus's
 * own reconnection, `allowReconnection`), and the holds still open, so that a fresh join by the same
 * participant (a reloaded page) can end the old one instead of racing it.
 */
import { CloseCode, Deferred } from "@colyseus/core";
import { CLOSE_CODES } from "../../shared/protocol/room-messages.ts";

/** How long a dropped participant keeps their seat, queue place, floor and ballots by default. */
export const DEFAULT_RECONNECT_GRACE_SECONDS = 30;

/** WebSocket codes for a frame that broke the rules (1008 policy, 1009 too big): the client was let go. */
const POLICY_VIOLATION = 1008;
const MESSAGE_TOO_BIG = 1009;

/**
 * Closes that end the participation at once: the client asked to leave, the server is stopping, the
 * client was kicked for an error or a flood, or a facilitator (or a newer connection) let it go.
 * Anything else (a lost network, a sleeping headset) is a drop worth waiting for.
 */
const FINAL_CLOSES: ReadonlySet<number> = new Set([
  CloseCode.CONSENTED,
  CloseCode.SERVER_SHUTDOWN,
  CloseCode.WITH_ERROR,
  POLICY_VIOLATION,
  MESSAGE_TOO_BIG,
  ...Object.values(CLOSE_CODES),
]);

/** Whether a hall connection closed with `code` is held for the participant to come back. */
export function holdsSeat(code: number | undefined): boolean {
  return code === undefined || !FINAL_CLOSES.has(code);
}

/** Open holds by participant id. */
export class HeldSeats {
  readonly #pending = new Map<string, Deferred>();

  /** `reconnection` is what `allowReconnection` returned: a pending reconnection the room can end early. */
  hold(participantId: string, reconnection: Deferred): void {
    // The room's own bookkeeping handles the outcome; this reference only exists to end it early.
    reconnection.catch(() => undefined);
    // A connection dropped before its join completed gets a plain rejected promise: nothing to hold.
    if (reconnection instanceof Deferred) this.#pending.set(participantId, reconnection);
  }

  /** The participant came back on the held connection, or left for good. */
  release(participantId: string): void {
    this.#pending.delete(participantId);
  }

  /** Ends a hold early (back on a new connection, or removed): the room then lets the old one go. */
  end(participantId: string): void {
    const pending = this.#pending.get(participantId);
    this.#pending.delete(participantId);
    pending?.reject(new Error("joined again on a new connection"));
  }
}
