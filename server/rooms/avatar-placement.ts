/** Where avatars stand and sit: their quantised poses, written from tracked parts or from a seat. */
import { SEATED_EYE_HEIGHT, seatById } from "../../shared/hall/hall-geometry.ts";
import { packPosition } from "../../shared/pose/position-codec.ts";
import { packQuaternion } from "../../shared/pose/quaternion-codec.ts";
import type { PoseTuple } from "../../shared/protocol/room-messages.ts";
import type { AvatarPose, Participant, TownHallState } from "../../shared/state/town-hall-state.ts";
import { refreshCoarse } from "./avatar-interest.ts";

export function writePose(pose: AvatarPose, head: PoseTuple, left: PoseTuple, right: PoseTuple): void {
  pose.headPosition = packPosition(head[0], head[1], head[2]);
  pose.headRotation = packQuaternion(head[3], head[4], head[5], head[6]);
  pose.leftPosition = packPosition(left[0], left[1], left[2]);
  pose.leftRotation = packQuaternion(left[3], left[4], left[5], left[6]);
  pose.rightPosition = packPosition(right[0], right[1], right[2]);
  pose.rightRotation = packQuaternion(right[3], right[4], right[5], right[6]);
}

/** Standing or seated at (x, z) facing `yaw`, with hands resting beside the body. */
export function placeAvatar(
  participant: Participant,
  x: number,
  eyeHeight: number,
  z: number,
  yaw: number,
): void {
  const rotation = packQuaternion(0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2));
  const sideX = Math.cos(yaw) * 0.3;
  const sideZ = -Math.sin(yaw) * 0.3;
  const handHeight = eyeHeight - 0.7;
  Object.assign(participant.pose, {
    headPosition: packPosition(x, eyeHeight, z),
    headRotation: rotation,
    leftPosition: packPosition(x - sideX, handHeight, z - sideZ),
    leftRotation: rotation,
    rightPosition: packPosition(x + sideX, handHeight, z + sideZ),
    rightRotation: rotation,
  });
  refreshCoarse(participant);
}

/** Sits a participant down on a hall seat (their avatar moves there); an unknown seat changes nothing. */
export function seatParticipant(participant: Participant, seatId: number): void {
  const seat = seatById(seatId);
  if (!seat) return;
  participant.seat = seat.id;
  placeAvatar(participant, seat.x, SEATED_EYE_HEIGHT, seat.z, seat.yaw);
}

export function seatTakenByOther(state: TownHallState, seatId: number, participant: Participant): boolean {
  for (const other of state.participants.values())
    if (other !== participant && other.seat === seatId) return true;
  return false;
}
