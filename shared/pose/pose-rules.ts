/**
 * Which poses the room accepts: every tracked part inside the hall, and hands within arm's reach of
 * the head. The server enforces this; clients use it to avoid sending what would be refused.
 */
import { isInsideHall } from "../hall/hall-geometry.ts";
import { MAX_ARM_REACH, type PoseTuple } from "../protocol/room-messages.ts";

export interface AvatarPose {
  readonly head: PoseTuple;
  readonly leftHand: PoseTuple;
  readonly rightHand: PoseTuple;
}

function inside(part: PoseTuple): boolean {
  return isInsideHall(part[0], part[1], part[2]);
}

function withinReach(hand: PoseTuple, head: PoseTuple): boolean {
  return Math.hypot(hand[0] - head[0], hand[1] - head[1], hand[2] - head[2]) <= MAX_ARM_REACH;
}

function hasRotation(part: PoseTuple): boolean {
  return Math.hypot(part[3], part[4], part[5], part[6]) > 1e-6;
}

export function isAcceptablePose(pose: AvatarPose): boolean {
  const { head, leftHand, rightHand } = pose;
  return (
    inside(head) &&
    inside(leftHand) &&
    inside(rightHand) &&
    withinReach(leftHand, head) &&
    withinReach(rightHand, head) &&
    hasRotation(head) &&
    hasRotation(leftHand) &&
    hasRotation(rightHand)
  );
}
