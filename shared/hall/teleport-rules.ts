/**
 * Where a headset user may teleport: the same answer for the arc's colour, the jump itself and the
 * tests. Pure functions over the shared hall geometry; nothing here allocates per call except results.
 */
import { BODY_RADIUS, HALL, isWalkable, SEATS, type Seat, STAGE } from "./hall-geometry.ts";

/** How thick the hall's outer walls are drawn; a landing point inside them is "in the wall". */
export const WALL_THICKNESS = 0.3;
/** An arc landing this close to a seat's centre means "sit there". */
export const SEAT_SNAP_RADIUS = 0.45;

export type TeleportRefusal = "outside_hall" | "in_wall" | "on_stage" | "blocked";
export type TeleportVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: TeleportRefusal };

export interface TeleportContext {
  /** The participant holds the floor, so the stage is theirs to walk on. */
  readonly hasFloor: boolean;
}

const OK: TeleportVerdict = { ok: true };
const REFUSED: Record<TeleportRefusal, TeleportVerdict> = {
  outside_hall: { ok: false, reason: "outside_hall" },
  in_wall: { ok: false, reason: "in_wall" },
  on_stage: { ok: false, reason: "on_stage" },
  blocked: { ok: false, reason: "blocked" },
};

function onStage(x: number, z: number, margin: number): boolean {
  return (
    x >= STAGE.minX - margin &&
    x <= STAGE.maxX + margin &&
    z >= STAGE.minZ - margin &&
    z <= STAGE.maxZ + margin
  );
}

/** Whether a standing body may land at the floor point (x, z), and why not. */
export function teleportVerdict(target: { x: number; z: number }, context: TeleportContext): TeleportVerdict {
  const { x, z } = target;
  if (!Number.isFinite(x) || !Number.isFinite(z)) return REFUSED.outside_hall;
  const outsideBy = Math.max(HALL.minX - x, x - HALL.maxX, HALL.minZ - z, z - HALL.maxZ);
  if (outsideBy > WALL_THICKNESS) return REFUSED.outside_hall;
  if (outsideBy > -BODY_RADIUS) return REFUSED.in_wall;
  if (onStage(x, z, BODY_RADIUS)) {
    if (!context.hasFloor) return REFUSED.on_stage;
    // On the stage itself a body fits anywhere the walls allow; its edge is not a place to stand.
    return onStage(x, z, -BODY_RADIUS) ? OK : REFUSED.blocked;
  }
  return isWalkable(x, z) ? OK : REFUSED.blocked;
}

/** The height of the floor under (x, z): the stage's top on the stage, else the hall floor. */
export function floorHeightAt(x: number, z: number): number {
  return onStage(x, z, 0) ? STAGE.height : 0;
}

/** The seat whose centre is nearest to (x, z), if one lies within `radius`. */
export function nearestSeat(x: number, z: number, radius = SEAT_SNAP_RADIUS): Seat | undefined {
  let best: Seat | undefined;
  let bestDistance = radius * radius;
  for (const seat of SEATS) {
    const dx = seat.x - x;
    const dz = seat.z - z;
    const distance = dx * dx + dz * dz;
    if (distance <= bestDistance) {
      best = seat;
      bestDistance = distance;
    }
  }
  return best;
}
