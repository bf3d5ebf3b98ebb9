/**
 * A head seen from afar in one unsigned 32-bit integer: 10 bits each for x and z (about 3 cm across
 * the hall), 5 bits for the eye height (10 cm steps up to 3.1 m) and 7 bits for the yaw (under 3°).
 * Everyone receives everyone's coarse head a few times per second; the full pose with hands goes only
 * to those near, so a crowded hall costs each client a few bytes per distant avatar.
 */
import { HALL } from "../hall/hall-geometry.ts";

const XZ_STEPS = (1 << 10) - 1;
const Y_STEPS = (1 << 5) - 1;
const Y_STEP = 0.1;
const YAW_LEVELS = 1 << 7;
const TWO_PI = 2 * Math.PI;

export interface CoarseHead {
  x: number;
  y: number;
  z: number;
  /** Rotation about the vertical axis, radians in [-π, π). */
  yaw: number;
}

function level(value: number, min: number, max: number, steps: number): number {
  const unit = (value - min) / (max - min);
  return Math.round(Math.min(1, Math.max(0, unit)) * steps);
}

export function packCoarseHead(x: number, y: number, z: number, yaw: number): number {
  const turns = (((yaw / TWO_PI) % 1) + 1) % 1;
  const yawLevel = Math.round(turns * YAW_LEVELS) % YAW_LEVELS;
  const yLevel = Math.round(Math.min(Y_STEPS, Math.max(0, y / Y_STEP)));
  const packed =
    ((level(x, HALL.minX, HALL.maxX, XZ_STEPS) * (XZ_STEPS + 1) + level(z, HALL.minZ, HALL.maxZ, XZ_STEPS)) *
      (Y_STEPS + 1) +
      yLevel) *
      YAW_LEVELS +
    yawLevel;
  return packed >>> 0;
}

/** Writes the unpacked head into `out` and returns it (no allocation, for per-patch code). */
export function unpackCoarseHead<T extends CoarseHead>(packed: number, out: T): T {
  let rest = packed >>> 0;
  const yawLevel = rest % YAW_LEVELS;
  rest = Math.floor(rest / YAW_LEVELS);
  const yLevel = rest % (Y_STEPS + 1);
  rest = Math.floor(rest / (Y_STEPS + 1));
  const zLevel = rest % (XZ_STEPS + 1);
  const xLevel = Math.floor(rest / (XZ_STEPS + 1));
  out.x = HALL.minX + (xLevel / XZ_STEPS) * (HALL.maxX - HALL.minX);
  out.z = HALL.minZ + (zLevel / XZ_STEPS) * (HALL.maxZ - HALL.minZ);
  out.y = yLevel * Y_STEP;
  const yaw = (yawLevel / YAW_LEVELS) * TWO_PI;
  out.yaw = yaw >= Math.PI ? yaw - TWO_PI : yaw;
  return out;
}

/** The yaw of a rotation quaternion (the YXZ Euler convention three.js cameras use). */
export function yawOf(qx: number, qy: number, qz: number, qw: number): number {
  return Math.atan2(2 * (qw * qy + qx * qz), 1 - 2 * (qx * qx + qy * qy));
}
