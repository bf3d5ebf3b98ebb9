/**
 * The teleport arc: a throw from the controller that falls to the floor, sampled into a fixed buffer,
 * and what lies where it lands (a seat, open floor, or a refusal). Allocation-free per frame.
 */
import type { Seat } from "../../../shared/hall/hall-geometry.ts";
import {
  floorHeightAt,
  nearestSeat,
  type TeleportRefusal,
  teleportVerdict,
} from "../../../shared/hall/teleport-rules.ts";

export const ARC_POINTS = 48;
const ARC_SPEED = 7;
const GRAVITY = 9.81;
const STEP_SECONDS = 0.04;

export interface TeleportAim {
  /** Whether the arc reached the floor at all (it may fly out over the walls). */
  landed: boolean;
  x: number;
  y: number;
  z: number;
  /** "seat" sits down, "floor" moves there; anything else is refused. */
  verdict: "seat" | "floor" | TeleportRefusal;
  seat: Seat | undefined;
  /** How many of the buffer's points the arc uses. */
  count: number;
}

export function emptyAim(): TeleportAim {
  return { landed: false, x: 0, y: 0, z: 0, verdict: "outside_hall", seat: undefined, count: 0 };
}

/**
 * Traces the arc from (ox, oy, oz) along the unit direction (dx, dy, dz), writing points into `points`
 * (x, y, z triples) and the landing and its verdict into `aim`.
 */
export function traceArc(
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  hasFloor: boolean,
  points: Float32Array,
  aim: TeleportAim,
): TeleportAim {
  let px = ox;
  let py = oy;
  let pz = oz;
  points[0] = px;
  points[1] = py;
  points[2] = pz;
  aim.landed = false;
  aim.count = 1;
  for (let i = 1; i < ARC_POINTS; i++) {
    const t = i * STEP_SECONDS;
    const x = ox + dx * ARC_SPEED * t;
    const y = oy + dy * ARC_SPEED * t - 0.5 * GRAVITY * t * t;
    const z = oz + dz * ARC_SPEED * t;
    const floor = floorHeightAt(x, z);
    if (y <= floor) {
      // Land between the last point above the floor and this one.
      const k = (py - floor) / Math.max(py - y, 1e-6);
      px += (x - px) * k;
      pz += (z - pz) * k;
      py = floor;
      aim.landed = true;
    } else {
      px = x;
      py = y;
      pz = z;
    }
    points[i * 3] = px;
    points[i * 3 + 1] = py;
    points[i * 3 + 2] = pz;
    aim.count = i + 1;
    if (aim.landed) break;
  }
  aim.x = px;
  aim.y = py;
  aim.z = pz;
  aim.seat = undefined;
  if (!aim.landed) {
    aim.verdict = "outside_hall";
    return aim;
  }
  const seat = nearestSeat(px, pz);
  if (seat) {
    aim.seat = seat;
    aim.verdict = "seat";
    return aim;
  }
  const verdict = teleportVerdict(aim, { hasFloor });
  aim.verdict = verdict.ok ? "floor" : verdict.reason;
  return aim;
}
