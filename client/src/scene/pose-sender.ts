/**
 * Tells the room where the local head and hands are: at most 20 times a second and only after a
 * change. A flat-screen body has no tracked hands, so they hang beside it and turn with it.
 */
import { Euler, Quaternion } from "three";
import { HALL } from "../../../shared/hall/hall-geometry.ts";
import type { PoseTuple } from "../../../shared/protocol/room-messages.ts";
import { sendToRoom } from "../net/hall-connection.ts";
import { player } from "./local-player.ts";

const MIN_INTERVAL_MS = 1000 / 20;
const HAND_SIDE_OFFSET = 0.3;
const HAND_DROP = 0.7;
/** Keeps hands a hair inside the walls, where the room accepts them. */
const WALL_MARGIN = 0.01;

const euler = new Euler(0, 0, 0, "YXZ");
const headRotation = new Quaternion();
const bodyRotation = new Quaternion();
const head: PoseTuple = [0, 0, 0, 0, 0, 0, 1];
const leftHand: PoseTuple = [0, 0, 0, 0, 0, 0, 1];
const rightHand: PoseTuple = [0, 0, 0, 0, 0, 0, 1];
const message = { head, leftHand, rightHand, t: 0 };
const lastSent = { x: Number.NaN, z: 0, eyeHeight: 0, yaw: 0, pitch: 0, at: Number.NEGATIVE_INFINITY };

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function writeTuple(tuple: PoseTuple, x: number, y: number, z: number, rotation: Quaternion): void {
  tuple[0] = clamp(x, HALL.minX + WALL_MARGIN, HALL.maxX - WALL_MARGIN);
  tuple[1] = y;
  tuple[2] = clamp(z, HALL.minZ + WALL_MARGIN, HALL.maxZ - WALL_MARGIN);
  tuple[3] = rotation.x;
  tuple[4] = rotation.y;
  tuple[5] = rotation.z;
  tuple[6] = rotation.w;
}

function unchanged(): boolean {
  return (
    Math.abs(player.x - lastSent.x) < 1e-3 &&
    Math.abs(player.z - lastSent.z) < 1e-3 &&
    Math.abs(player.eyeHeight - lastSent.eyeHeight) < 1e-3 &&
    Math.abs(player.yaw - lastSent.yaw) < 1e-3 &&
    Math.abs(player.pitch - lastSent.pitch) < 1e-3
  );
}

/** Forgets what was sent (flat and tracked), so the next connection starts by sending the current pose. */
export function resetPoseSender(): void {
  lastSent.x = Number.NaN;
  lastSent.at = Number.NEGATIVE_INFINITY;
  (lastTracked[0] as PoseTuple)[0] = Number.NaN;
  lastTrackedAt = Number.NEGATIVE_INFINITY;
}

export function sendPoseIfChanged(now: number): void {
  if (now - lastSent.at < MIN_INTERVAL_MS || unchanged()) return;
  const { x, z, eyeHeight, yaw, pitch } = player;
  headRotation.setFromEuler(euler.set(pitch, yaw, 0, "YXZ"));
  bodyRotation.setFromEuler(euler.set(0, yaw, 0, "YXZ"));
  const sideX = Math.cos(yaw) * HAND_SIDE_OFFSET;
  const sideZ = -Math.sin(yaw) * HAND_SIDE_OFFSET;
  const handHeight = eyeHeight - HAND_DROP;
  writeTuple(head, x, eyeHeight, z, headRotation);
  writeTuple(leftHand, x - sideX, handHeight, z - sideZ, bodyRotation);
  writeTuple(rightHand, x + sideX, handHeight, z + sideZ, bodyRotation);
  message.t = Date.now();
  // The SDK serialises synchronously, so the same arrays can be reused for the next pose.
  sendToRoom("pose", message);
  Object.assign(lastSent, { x, z, eyeHeight, yaw, pitch, at: now });
}

const lastTracked: PoseTuple[] = [
  [Number.NaN, 0, 0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0, 0, 1],
  [0, 0, 0, 0, 0, 0, 1],
];
let lastTrackedAt = Number.NEGATIVE_INFINITY;

function nearlySame(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < 7; i++) if (!(Math.abs((a[i] as number) - (b[i] as number)) < 1e-3)) return false;
  return true;
}

function copyClamped(from: PoseTuple, to: PoseTuple): void {
  to[0] = clamp(from[0], HALL.minX + WALL_MARGIN, HALL.maxX - WALL_MARGIN);
  to[1] = clamp(from[1], WALL_MARGIN, HALL.height - WALL_MARGIN);
  to[2] = clamp(from[2], HALL.minZ + WALL_MARGIN, HALL.maxZ - WALL_MARGIN);
  for (let i = 3; i < 7; i++) to[i] = from[i] as number;
}

/** Sends a tracked body (a headset's head and hands, in hall coordinates) under the same pace and change rules. */
export function sendTrackedPose(
  now: number,
  trackedHead: PoseTuple,
  left: PoseTuple,
  right: PoseTuple,
): void {
  if (now - lastTrackedAt < MIN_INTERVAL_MS) return;
  copyClamped(trackedHead, head);
  copyClamped(left, leftHand);
  copyClamped(right, rightHand);
  if (
    nearlySame(head, lastTracked[0] as PoseTuple) &&
    nearlySame(leftHand, lastTracked[1] as PoseTuple) &&
    nearlySame(rightHand, lastTracked[2] as PoseTuple)
  )
    return;
  message.t = Date.now();
  sendToRoom("pose", message);
  for (let i = 0; i < 7; i++) {
    (lastTracked[0] as PoseTuple)[i] = head[i] as number;
    (lastTracked[1] as PoseTuple)[i] = leftHand[i] as number;
    (lastTracked[2] as PoseTuple)[i] = rightHand[i] as number;
  }
  lastTrackedAt = now;
  // Leaving VR sends the flat-screen pose again at once.
  lastSent.x = Number.NaN;
  lastSent.at = Number.NEGATIVE_INFINITY;
}
