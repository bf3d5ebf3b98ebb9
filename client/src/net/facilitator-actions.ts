/**
 * What a facilitator can do from any screen: the desktop side panel, the console page on a second
 * screen, and (later) a panel in VR all call these, so every device sends the same room messages.
 * The room checks each one against the sender's role; refusals come back as toasts.
 */

import type { AssignableRole } from "../../../shared/consultation/roles.ts";
import type { SpeakingMode } from "../../../shared/consultation/speaking-mode.ts";
import type { AccessMode } from "../../../shared/protocol/access-modes.ts";
import type { AuditLogResponse, PeopleResponse } from "../../../shared/protocol/room-messages.ts";
import { currentRoom, sendToRoom } from "./hall-connection.ts";

export function giveFloorTo(participantId: string, limitSeconds?: number): void {
  sendToRoom("give_floor", limitSeconds === undefined ? { participantId } : { participantId, limitSeconds });
}

export function giveFloorToNext(limitSeconds?: number): void {
  sendToRoom("give_floor", limitSeconds === undefined ? { next: true } : { next: true, limitSeconds });
}

export function takeFloor(): void {
  sendToRoom("take_floor", {});
}

export function extendFloor(seconds: number): void {
  sendToRoom("extend_floor", { seconds });
}

export function dismissHand(participantId: string): void {
  sendToRoom("lower_hand", { participantId });
}

export function setSpeakingMode(mode: SpeakingMode): void {
  sendToRoom("set_mode", { mode });
}

export function muteParticipant(participantId: string): void {
  sendToRoom("mute_participant", { participantId });
}

export function unmuteParticipant(participantId: string): void {
  sendToRoom("unmute_participant", { participantId });
}

export function muteEveryone(): void {
  sendToRoom("mute_all", {});
}

export function moveParticipant(participantId: string, seat: number): void {
  sendToRoom("move_participant", { participantId, seat });
}

export function removeParticipant(participantId: string, reason: string): void {
  sendToRoom("remove_participant", { participantId, reason });
}

export function banParticipant(participantId: string, reason: string): void {
  sendToRoom("ban_participant", { participantId, reason });
}

export function setAccess(access: AccessMode): void {
  sendToRoom("set_access", { access });
}

export function lockRoom(locked: boolean): void {
  sendToRoom("lock_room", { locked });
}

export function setRole(participantId: string, role: AssignableRole): void {
  sendToRoom("set_role", { participantId, role });
}

/** The lead takes facilitator rights from a facilitator or co-facilitator, present or not. */
export function demoteFacilitator(participantId: string): void {
  sendToRoom("demote_facilitator", { participantId });
}

/** Everyone who came, present or not, with how each facilitator got their rights; or the refusal. */
export async function fetchPeople(): Promise<PeopleResponse> {
  const room = currentRoom();
  if (!room) return { ok: false, error: { code: "internal", message: "Not connected to the room." } };
  return (await room.request("people", {})) as PeopleResponse;
}

/** Anyone may report anyone else to the facilitators. */
export function reportParticipant(participantId: string, reason: string): void {
  sendToRoom("report", { participantId, reason });
}

/** The moderation audit log with counts by type, or the room's refusal. */
export async function fetchAuditLog(): Promise<AuditLogResponse> {
  const room = currentRoom();
  if (!room) return { ok: false, error: { code: "internal", message: "Not connected to the room." } };
  return (await room.request("audit_log", {})) as AuditLogResponse;
}
