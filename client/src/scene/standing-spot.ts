/** Where someone stands when they get up from a seat: the nearest free floor, preferring the row in front. */
import { type FloorPoint, isWalkable, type Seat } from "../../../shared/hall/hall-geometry.ts";

const RING_STEP = 0.1;
const MAX_DISTANCE = 2.5;
const DIRECTIONS = 24;

export function findStandingSpot(seat: Seat, out: FloorPoint): FloorPoint {
  // The seat faces -z rotated by its yaw; its front is where a person naturally steps out.
  const frontX = -Math.sin(seat.yaw);
  const frontZ = -Math.cos(seat.yaw);
  for (let distance = 0.4; distance <= MAX_DISTANCE; distance += RING_STEP) {
    for (let i = 0; i < DIRECTIONS; i++) {
      // 0, +1, -1, +2, -2 … steps around the circle, starting straight ahead.
      const turn = (Math.ceil(i / 2) * (i % 2 === 0 ? -1 : 1) * 2 * Math.PI) / DIRECTIONS;
      const cos = Math.cos(turn);
      const sin = Math.sin(turn);
      const x = seat.x + (frontX * cos - frontZ * sin) * distance;
      const z = seat.z + (frontX * sin + frontZ * cos) * distance;
      if (isWalkable(x, z)) {
        out.x = x;
        out.z = z;
        return out;
      }
    }
  }
  out.x = seat.x;
  out.z = seat.z;
  return out;
}
