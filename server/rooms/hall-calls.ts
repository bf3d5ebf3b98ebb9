/**
 * How HTTP routes reach a consultation's open room. With several processes the room may run in another
 * one than the request, so calls go through the matchmaker: straight to the room when it runs here,
 * over the presence (Redis) when it runs elsewhere.
 */
import { matchMaker } from "@colyseus/core";
import type { LinkReplacement } from "../consultations/facilitator-link.ts";
import type { InvitationRevocation } from "../consultations/invitations.ts";

/** What a consultation's room offers to HTTP routes. */
export interface HallCalls {
  /** Reloads the slides from the store, after an upload. */
  slidesChanged(): Promise<void>;
  /** The room's last decision on whether this participant may speak; null when it has none. */
  voiceDecision(participantId: string): boolean | null;
  /**
   * Stores a replacement of the facilitator link in the room's order and closes the connections of the
   * sessions it ended; answers how many it ended.
   */
  replaceFacilitatorLink(change: LinkReplacement): Promise<number>;
  /** Stores a revocation in the room's order and closes its holder's connections (true once done). */
  revokeInvitation(change: InvitationRevocation): Promise<true>;
  /** Someone connected to the consultation's voice room: the room applies its last word on them (true once sent). */
  voiceJoined(participantId: string): Promise<true>;
}

/** A consultation's room is named by the consultation's id: one room per consultation, whichever process runs it. */
export function hallRoomId(consultationId: string): string {
  return consultationId;
}

/**
 * Places the consultation's room holds or has reserved, wherever it runs (a facilitator's console takes
 * one too); 0 when no room is open, undefined when the room list cannot be read (Redis unreachable).
 */
export async function hallOccupancy(consultationId: string): Promise<number | undefined> {
  try {
    return (await matchMaker.getRoomById(hallRoomId(consultationId)))?.clients ?? 0;
  } catch {
    return undefined;
  }
}

/**
 * Calls `method` on the consultation's open room wherever it runs; undefined when no room is open. A room
 * in this process is called without asking the room list, so it still answers while Redis is unreachable.
 */
export async function callHall<M extends keyof HallCalls>(
  consultationId: string,
  method: M,
  ...args: Parameters<HallCalls[M]>
): Promise<Awaited<ReturnType<HallCalls[M]>> | undefined> {
  const roomId = hallRoomId(consultationId);
  if (!matchMaker.getLocalRoomById(roomId) && !(await matchMaker.getRoomById(roomId))) return undefined;
  try {
    return await matchMaker.remoteRoomCall<HallCalls>(roomId, method, args);
  } catch (error) {
    // A room that closed in the meantime has nothing to answer; the next one starts from the store.
    if (await matchMaker.getRoomById(roomId)) throw error;
    return undefined;
  }
}
