/**
 * The town hall, described as plain numbers so that the client can build the scene from it and the
 * server can validate positions against the very same shape.
 *
 * Axes: x to the audience's right, y up, z from the stage (negative) towards the entrance (positive).
 */

export interface Box2 {
  readonly minX: number;
  readonly maxX: number;
  readonly minZ: number;
  readonly maxZ: number;
}

export interface Seat {
  readonly id: number;
  readonly row: number;
  readonly section: number;
  readonly x: number;
  readonly z: number;
  /** Rotation about y (radians) that turns the seat's front (-z) towards the stage. */
  readonly yaw: number;
}

export interface HallWindow {
  readonly side: -1 | 1;
  readonly z: number;
  readonly width: number;
  readonly sill: number;
  readonly height: number;
}

/** Interior of the hall: the walls' inner faces and the ceiling. */
export const HALL = {
  minX: -15,
  maxX: 15,
  minZ: -12,
  maxZ: 14,
  height: 8,
} as const;

export const STAGE: Box2 & { readonly height: number } = {
  minX: -8,
  maxX: 8,
  minZ: -12,
  maxZ: -7,
  height: 0.8,
};

export const PODIUM = { x: 0, z: -8, width: 1.1, depth: 0.6, height: 1.15 } as const;

/** The large screen on the wall behind the stage. */
export const SCREEN = { z: HALL.minZ + 0.05, centerY: 4.2, width: 10, height: 5.6 } as const;

export const SEAT_SIZE = { width: 0.5, depth: 0.5, height: 0.45 } as const;
export const BODY_RADIUS = 0.25;
export const STANDING_EYE_HEIGHT = 1.6;
export const SEATED_EYE_HEIGHT = 1.2;

/** Rows curve around this point on the stage, so every seat faces the podium. */
export const ROW_FOCUS = { x: 0, z: -9 } as const;
const FIRST_ROW_RADIUS = 6;
const ROW_PITCH = 1.1;
const ROW_COUNT = 10;
const SEAT_PITCH = 0.65;
const DEG = Math.PI / 180;

/** Centre angles of the two radial aisles that split the rows into three sections. */
export const AISLE_ANGLES: readonly number[] = [-18 * DEG, 18 * DEG];
/** Half the free width of a radial aisle, in metres: two people can pass each other. */
export const AISLE_HALF_WIDTH = 0.65;
/** The rows' outer ends, as angles from the hall's long axis. */
const ROW_END_ANGLE = 55 * DEG;

export const ROW_RADII: readonly number[] = Array.from(
  { length: ROW_COUNT },
  (_, row) => FIRST_ROW_RADIUS + row * ROW_PITCH,
);

export const WINDOWS: readonly HallWindow[] = [-1, 1].flatMap((side) =>
  [-4, 1, 6, 11].map((z) => ({ side: side as -1 | 1, z, width: 2.4, sill: 1.4, height: 4.2 })),
);

/** Angle ranges that seat centres may occupy in a row of this radius, one range per section. */
function sectionSpans(radius: number): [number, number][] {
  const [left = 0, right = 0] = AISLE_ANGLES;
  const aisleMargin = (AISLE_HALF_WIDTH + SEAT_SIZE.width / 2) / radius;
  const endMargin = SEAT_SIZE.width / 2 / radius;
  return [
    [-ROW_END_ANGLE + endMargin, left - aisleMargin],
    [left + aisleMargin, right - aisleMargin],
    [right + aisleMargin, ROW_END_ANGLE - endMargin],
  ];
}

function buildSeats(): Seat[] {
  const seats: Seat[] = [];
  ROW_RADII.forEach((radius, row) => {
    sectionSpans(radius).forEach(([from, to], section) => {
      const step = SEAT_PITCH / radius;
      const count = Math.floor((to - from) / step) + 1;
      const start = (from + to) / 2 - ((count - 1) * step) / 2;
      for (let i = 0; i < count; i++) {
        const angle = start + i * step;
        seats.push({
          id: seats.length,
          row,
          section,
          x: ROW_FOCUS.x + radius * Math.sin(angle),
          z: ROW_FOCUS.z + radius * Math.cos(angle),
          yaw: angle,
        });
      }
    });
  });
  return seats;
}

export const SEATS: readonly Seat[] = buildSeats();

export function seatById(id: number): Seat | undefined {
  return Number.isInteger(id) ? SEATS[id] : undefined;
}

/** True when a point lies inside the hall's interior volume (walls, floor and ceiling). */
export function isInsideHall(x: number, y: number, z: number): boolean {
  return x >= HALL.minX && x <= HALL.maxX && z >= HALL.minZ && z <= HALL.maxZ && y >= 0 && y <= HALL.height;
}

function circleHitsBox(x: number, z: number, radius: number, box: Box2): boolean {
  const dx = x - Math.max(box.minX, Math.min(x, box.maxX));
  const dz = z - Math.max(box.minZ, Math.min(z, box.maxZ));
  return dx * dx + dz * dz < radius * radius;
}

function circleHitsSeat(x: number, z: number, radius: number, seat: Seat): boolean {
  const dx = x - seat.x;
  const dz = z - seat.z;
  const reach = radius + SEAT_SIZE.width;
  if (dx * dx + dz * dz > reach * reach) return false;
  // Rotate the point into the seat's frame, where the seat is an axis-aligned square.
  const cos = Math.cos(seat.yaw);
  const sin = Math.sin(seat.yaw);
  const localX = dx * cos - dz * sin;
  const localZ = dx * sin + dz * cos;
  const hx = SEAT_SIZE.width / 2;
  const hz = SEAT_SIZE.depth / 2;
  const ex = localX - Math.max(-hx, Math.min(localX, hx));
  const ez = localZ - Math.max(-hz, Math.min(localZ, hz));
  return ex * ex + ez * ez < radius * radius;
}

/** True when a standing body of the given radius fits at (x, z): inside the walls, off the stage, clear of seats. */
export function isWalkable(x: number, z: number, radius = BODY_RADIUS): boolean {
  if (!Number.isFinite(x) || !Number.isFinite(z)) return false;
  if (x - radius < HALL.minX || x + radius > HALL.maxX || z - radius < HALL.minZ || z + radius > HALL.maxZ) {
    return false;
  }
  if (circleHitsBox(x, z, radius, STAGE)) return false;
  for (const seat of SEATS) {
    if (circleHitsSeat(x, z, radius, seat)) return false;
  }
  return true;
}

export interface FloorPoint {
  x: number;
  z: number;
}

/**
 * Moves a walker from `from` towards (toX, toZ), sliding along whatever blocks the way; writes the result into
 * `out` (no allocation, so it can run every frame).
 */
export function resolveWalk(from: FloorPoint, toX: number, toZ: number, out: FloorPoint): FloorPoint {
  if (isWalkable(toX, toZ)) {
    out.x = toX;
    out.z = toZ;
  } else if (isWalkable(toX, from.z)) {
    out.x = toX;
    out.z = from.z;
  } else if (isWalkable(from.x, toZ)) {
    out.x = from.x;
    out.z = toZ;
  } else {
    out.x = from.x;
    out.z = from.z;
  }
  return out;
}

/** Where newcomers appear: the open floor by the entrance, facing the stage. */
export const ENTRANCE = { x: 0, z: 11.5 } as const;

/** Spreads arrivals over the entrance area so that new avatars do not stand inside each other. */
export function spawnPoint(index: number): FloorPoint {
  const column = (index % 9) - 4;
  const line = Math.floor(index / 9) % 3;
  return { x: ENTRANCE.x + column * 0.9, z: ENTRANCE.z + line * 0.8 };
}

/**
 * The interpreters' booth: an open-fronted cabin on the floor beside the stage, to the audience's right
 * against the side wall, where interpreters see the podium and stay out of the way.
 */
export const INTERPRETER_BOOTH: Box2 & { readonly height: number } = {
  minX: 10,
  maxX: 13.5,
  minZ: -11.5,
  maxZ: -8.5,
  height: 2.4,
};

/** Where the `index`-th interpreter stands in the booth (three places side by side, then again). */
export function boothSpot(index: number): FloorPoint {
  const column = ((index % 3) + 3) % 3;
  return { x: INTERPRETER_BOOTH.minX + 0.7 + column * 1.05, z: INTERPRETER_BOOTH.minZ + 1.6 };
}
