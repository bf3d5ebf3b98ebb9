/**
 * "Smallest three" quaternion compression into one unsigned 32-bit integer: 2 bits name the largest
 * component (dropped and rebuilt from the unit norm), 10 bits for each of the other three. The error
 * stays well under half a degree, at a quarter of the bytes of four float32s.
 */

const BITS = 10;
const LEVELS = 1 << BITS;
const STEPS = LEVELS - 1;
const RANGE = Math.SQRT1_2;
/** Reused scratch, so that packing and unpacking allocate nothing in per-frame code. */
const scratch = new Float64Array(4);

export interface QuaternionLike {
  x: number;
  y: number;
  z: number;
  w: number;
}

export function packQuaternion(x: number, y: number, z: number, w: number): number {
  const length = Math.hypot(x, y, z, w) || 1;
  scratch[0] = x / length;
  scratch[1] = y / length;
  scratch[2] = z / length;
  scratch[3] = w / length;
  let largest = 0;
  for (let i = 1; i < 4; i++) {
    if (Math.abs(scratch[i] as number) > Math.abs(scratch[largest] as number)) largest = i;
  }
  // q and -q are the same rotation: flip so that the dropped component is positive.
  const sign = (scratch[largest] as number) < 0 ? -1 : 1;
  let packed = largest;
  for (let i = 0; i < 4; i++) {
    if (i === largest) continue;
    const unit = ((scratch[i] as number) * sign + RANGE) / (2 * RANGE);
    packed = packed * LEVELS + Math.round(Math.min(1, Math.max(0, unit)) * STEPS);
  }
  return packed >>> 0;
}

/** Writes the unpacked rotation into `out` and returns it. */
export function unpackQuaternion<T extends QuaternionLike>(packed: number, out: T): T {
  let rest = packed >>> 0;
  const largest = Math.floor(rest / (LEVELS * LEVELS * LEVELS)) & 3;
  let sumOfSquares = 0;
  for (let i = 3; i >= 0; i--) {
    if (i === largest) continue;
    const value = ((rest % LEVELS) / STEPS) * 2 * RANGE - RANGE;
    rest = Math.floor(rest / LEVELS);
    scratch[i] = value;
    sumOfSquares += value * value;
  }
  scratch[largest] = Math.sqrt(Math.max(0, 1 - sumOfSquares));
  out.x = scratch[0] as number;
  out.y = scratch[1] as number;
  out.z = scratch[2] as number;
  out.w = scratch[3] as number;
  return out;
}

/** The identity rotation, packed. */
export const PACKED_IDENTITY = packQuaternion(0, 0, 0, 1);
