/**
 * Where the headset's tracking space sits in the hall. WebXR reports the head and hands relative to
 * the floor where the session started; locomotion moves and turns that origin (the rig) instead of
 * the person, so every tracked pose is converted to hall coordinates through it. Plain numbers, no
 * allocation: read and written every frame.
 */
import { type FloorPoint, resolveWalk, SEATED_EYE_HEIGHT } from "../../../shared/hall/hall-geometry.ts";
import { floorHeightAt } from "../../../shared/hall/teleport-rules.ts";

/** The tracking origin in the hall: position of the real floor's origin and its rotation about y. */
export const rig = { x: 0, y: 0, z: 0, yaw: 0, placed: false };

/** The head as tracked, relative to the rig (metres, quaternion). */
export const trackedHead = { x: 0, y: 1.6, z: 0, qx: 0, qy: 0, qz: 0, qw: 1 };

export interface Point3 {
  x: number;
  y: number;
  z: number;
}

/** Rig-relative point to hall coordinates. */
export function rigToHall(x: number, y: number, z: number, out: Point3): Point3 {
  const cos = Math.cos(rig.yaw);
  const sin = Math.sin(rig.yaw);
  out.x = rig.x + cos * x + sin * z;
  out.y = rig.y + y;
  out.z = rig.z - sin * x + cos * z;
  return out;
}

/** Hall point to rig-relative coordinates (what the tracking space, and an emulator, call local). */
export function hallToRig(x: number, y: number, z: number, out: Point3): Point3 {
  const cos = Math.cos(rig.yaw);
  const sin = Math.sin(rig.yaw);
  const dx = x - rig.x;
  const dz = z - rig.z;
  out.x = cos * dx - sin * dz;
  out.y = y - rig.y;
  out.z = sin * dx + cos * dz;
  return out;
}

/** The head's yaw in the tracking space (0 looks along -z). */
export function trackedHeadYaw(): number {
  const { qx, qy, qz, qw } = trackedHead;
  return Math.atan2(2 * (qw * qy + qx * qz), 1 - 2 * (qy * qy + qx * qx));
}

/** Moves the rig so that the head stands above (x, z), its eyes `eyeLift` above the real ones plus the floor there. */
export function placeHeadAt(x: number, z: number, eyeLift: number): void {
  const cos = Math.cos(rig.yaw);
  const sin = Math.sin(rig.yaw);
  rig.x = x - (cos * trackedHead.x + sin * trackedHead.z);
  rig.z = z - (-sin * trackedHead.x + cos * trackedHead.z);
  rig.y = floorHeightAt(x, z) + eyeLift;
}

/** Sets the rig's turn so that the tracked head looks along `headYaw` in the hall, keeping the head where it is. */
export function turnHeadTo(headYaw: number): void {
  const headX = rig.x + Math.cos(rig.yaw) * trackedHead.x + Math.sin(rig.yaw) * trackedHead.z;
  const headZ = rig.z - Math.sin(rig.yaw) * trackedHead.x + Math.cos(rig.yaw) * trackedHead.z;
  rig.yaw = headYaw - trackedHeadYaw();
  const cos = Math.cos(rig.yaw);
  const sin = Math.sin(rig.yaw);
  rig.x = headX - (cos * trackedHead.x + sin * trackedHead.z);
  rig.z = headZ - (-sin * trackedHead.x + cos * trackedHead.z);
}

/** Turns the rig about the head by `angle` radians (positive turns left, like three.js yaw). */
export function turnAroundHead(angle: number): void {
  turnHeadTo(trackedHeadYaw() + rig.yaw + angle);
}

/** Sits the head on a seat: above its centre, facing the stage, eyes at seated height. */
export function sitHeadAt(x: number, z: number, seatYaw: number): void {
  turnHeadTo(seatYaw);
  placeHeadAt(x, z, 0);
  rig.y = SEATED_EYE_HEIGHT - trackedHead.y;
}

const from: FloorPoint = { x: 0, z: 0 };
const to: FloorPoint = { x: 0, z: 0 };

/** Walks the head by (dx, dz) in the hall, sliding along seats and walls like the desktop walker. */
export function walkHead(dx: number, dz: number, eyeLift: number): void {
  rigToHall(trackedHead.x, 0, trackedHead.z, scratch);
  from.x = scratch.x;
  from.z = scratch.z;
  resolveWalk(from, from.x + dx, from.z + dz, to);
  placeHeadAt(to.x, to.z, eyeLift);
}

const scratch: Point3 = { x: 0, y: 0, z: 0 };
