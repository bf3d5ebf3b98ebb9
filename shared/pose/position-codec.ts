/**
 * A position in the hall packed into one integer below 2^48 (exact in a JavaScript number): 16 bits
 * per axis over the hall's bounds, about half a millimetre. One field per position instead of three,
 * because the state encoder's cost follows the number of changed fields it writes for every client's
 * view at every patch.
 */
import { HALL } from "../hall/hall-geometry.ts";

const STEPS = 0xffff;
const LEVELS = 0x10000;

export interface PositionLike {
  x: number;
  y: number;
  z: number;
}

function quantize(value: number, min: number, max: number): number {
  const unit = (value - min) / (max - min);
  // NaN (never accepted from a client, but cheap to rule out) lands on the hall's minimum.
  return unit > 0 ? Math.round(Math.min(1, unit) * STEPS) : 0;
}

function dequantize(step: number, min: number, max: number): number {
  return min + (step / STEPS) * (max - min);
}

export function packPosition(x: number, y: number, z: number): number {
  return (
    (quantize(x, HALL.minX, HALL.maxX) * LEVELS + quantize(y, 0, HALL.height)) * LEVELS +
    quantize(z, HALL.minZ, HALL.maxZ)
  );
}

export function unpackPosition<T extends PositionLike>(packed: number, out: T): T {
  const z = packed % LEVELS;
  const xy = (packed - z) / LEVELS;
  const y = xy % LEVELS;
  const x = (xy - y) / LEVELS;
  out.x = dequantize(x, HALL.minX, HALL.maxX);
  out.y = dequantize(y, 0, HALL.height);
  out.z = dequantize(z, HALL.minZ, HALL.maxZ);
  return out;
}
