import { type PositionLike, unpackPosition } from "../../shared/pose/position-codec.ts";

/** A received packed position as coordinates, or undefined when the field did not arrive. */
export function positionOf(packed: number | undefined): PositionLike | undefined {
  return packed === undefined ? undefined : unpackPosition(packed, { x: 0, y: 0, z: 0 });
}
