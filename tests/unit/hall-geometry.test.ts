import { describe, expect, it } from "vitest";
import { HALL_CAPACITY, hallAdmits, STANDING_ROOM } from "../../shared/hall/hall-capacity.ts";
import {
  AISLE_ANGLES,
  BODY_RADIUS,
  boothSpot,
  HALL,
  INTERPRETER_BOOTH,
  isInsideHall,
  isWalkable,
  ROW_FOCUS,
  ROW_RADII,
  resolveWalk,
  SEAT_SIZE,
  SEATS,
  type Seat,
  STAGE,
  spawnPoint,
} from "../../shared/hall/hall-geometry.ts";

function corners(seat: Seat): [number, number][] {
  const hx = SEAT_SIZE.width / 2;
  const hz = SEAT_SIZE.depth / 2;
  const cos = Math.cos(seat.yaw);
  const sin = Math.sin(seat.yaw);
  return [
    [-hx, -hz],
    [hx, -hz],
    [hx, hz],
    [-hx, hz],
  ].map(([x = 0, z = 0]) => [seat.x + x * cos + z * sin, seat.z - x * sin + z * cos]);
}

/** Separating-axis test for two rotated squares on the floor. */
function overlaps(a: Seat, b: Seat): boolean {
  const ca = corners(a);
  const cb = corners(b);
  for (const seat of [a, b]) {
    const axes: [number, number][] = [
      [Math.cos(seat.yaw), -Math.sin(seat.yaw)],
      [Math.sin(seat.yaw), Math.cos(seat.yaw)],
    ];
    for (const [ax, az] of axes) {
      const pa = ca.map(([x, z]) => x * ax + z * az);
      const pb = cb.map(([x, z]) => x * ax + z * az);
      if (Math.max(...pa) <= Math.min(...pb) || Math.max(...pb) <= Math.min(...pa)) return false;
    }
  }
  return true;
}

describe("hall geometry", () => {
  it("has a few hundred seats, every one inside the walls and off the stage", () => {
    expect(SEATS.length).toBeGreaterThan(250);
    for (const seat of SEATS) {
      for (const [x, z] of corners(seat)) {
        expect(x).toBeGreaterThan(HALL.minX + 0.5);
        expect(x).toBeLessThan(HALL.maxX - 0.5);
        expect(z).toBeGreaterThan(STAGE.maxZ);
        expect(z).toBeLessThan(HALL.maxZ - 2);
      }
    }
  });

  it("never lets two seats overlap", () => {
    for (let i = 0; i < SEATS.length; i++) {
      for (let j = i + 1; j < SEATS.length; j++) {
        const [a, b] = [SEATS[i] as Seat, SEATS[j] as Seat];
        if (Math.hypot(a.x - b.x, a.z - b.z) > 1) continue;
        expect(overlaps(a, b), `seats ${a.id} and ${b.id}`).toBe(false);
      }
    }
  });

  it("turns every seat towards the stage", () => {
    for (const seat of SEATS) {
      const facingX = -Math.sin(seat.yaw);
      const facingZ = -Math.cos(seat.yaw);
      const toFocusX = ROW_FOCUS.x - seat.x;
      const toFocusZ = ROW_FOCUS.z - seat.z;
      const cos = (facingX * toFocusX + facingZ * toFocusZ) / Math.hypot(toFocusX, toFocusZ);
      expect(cos).toBeGreaterThan(0.999);
    }
  });

  it("keeps the radial aisles walkable from the front row to the back", () => {
    const last = ROW_RADII[ROW_RADII.length - 1] ?? 0;
    for (const angle of AISLE_ANGLES) {
      for (let r = (ROW_RADII[0] ?? 0) - 0.8; r <= last + 1; r += 0.1) {
        const x = ROW_FOCUS.x + r * Math.sin(angle);
        const z = ROW_FOCUS.z + r * Math.cos(angle);
        expect(isWalkable(x, z), `aisle at angle ${angle.toFixed(2)}, radius ${r.toFixed(1)}`).toBe(true);
      }
    }
  });

  it("leaves room between rows to reach the middle seats", () => {
    for (const seat of SEATS.filter((s) => s.row < ROW_RADII.length - 1)) {
      const radius = Math.hypot(seat.x - ROW_FOCUS.x, seat.z - ROW_FOCUS.z) + 0.55;
      const x = ROW_FOCUS.x + radius * Math.sin(seat.yaw);
      const z = ROW_FOCUS.z + radius * Math.cos(seat.yaw);
      expect(isWalkable(x, z), `behind seat ${seat.id}`).toBe(true);
    }
  });

  it("blocks walls, seats and the stage, and spawns walkers on free floor", () => {
    expect(isWalkable(HALL.maxX - BODY_RADIUS / 2, 10)).toBe(false);
    expect(isWalkable(0, -9)).toBe(false);
    const seat = SEATS[40] as Seat;
    expect(isWalkable(seat.x, seat.z)).toBe(false);
    expect(isWalkable(Number.NaN, 0)).toBe(false);
    for (let i = 0; i < 27; i++) {
      const spawn = spawnPoint(i);
      expect(isWalkable(spawn.x, spawn.z), `spawn ${i}`).toBe(true);
    }
  });

  it("slides a walker along a wall instead of stopping it dead", () => {
    const out = { x: 0, z: 0 };
    resolveWalk({ x: HALL.maxX - 0.3, z: 10 }, HALL.maxX + 0.5, 10.5, out);
    expect(out.x).toBeCloseTo(HALL.maxX - 0.3, 5);
    expect(out.z).toBeCloseTo(10.5, 5);
    resolveWalk({ x: 0, z: 11 }, 0, 11.2, out);
    expect(out).toEqual({ x: 0, z: 11.2 });
  });

  it("tells points inside the hall's volume from those outside", () => {
    expect(isInsideHall(0, 1.6, 0)).toBe(true);
    expect(isInsideHall(0, HALL.height + 0.1, 0)).toBe(false);
    expect(isInsideHall(HALL.minX - 0.01, 1, 0)).toBe(false);
    expect(isInsideHall(Number.NaN, 1, 0)).toBe(false);
  });
});

describe("hall capacity", () => {
  it("is every seat plus standing room, up to the 300 people one room was measured with", () => {
    expect(HALL_CAPACITY).toBe(300);
    expect(SEATS.length + STANDING_ROOM).toBe(HALL_CAPACITY);
    expect(STANDING_ROOM).toBeGreaterThan(0);
  });

  it("turns away the next citizen once full, never a facilitator", () => {
    expect(hallAdmits(HALL_CAPACITY - 1, false)).toBe(true);
    expect(hallAdmits(HALL_CAPACITY, false)).toBe(false);
    expect(hallAdmits(HALL_CAPACITY + 40, true)).toBe(true);
    expect(hallAdmits(3, false, 3)).toBe(false);
  });
});

describe("the interpreters' booth", () => {
  it("stands beside the stage, inside the hall, with walkable places clear of every seat", () => {
    const booth = INTERPRETER_BOOTH;
    expect(booth.minX).toBeGreaterThan(STAGE.maxX);
    expect(booth.maxX).toBeLessThanOrEqual(HALL.maxX);
    expect(booth.minZ).toBeGreaterThanOrEqual(HALL.minZ);
    expect(booth.maxZ).toBeLessThanOrEqual(STAGE.maxZ);
    for (const index of [0, 1, 2]) {
      const spot = boothSpot(index);
      expect(isWalkable(spot.x, spot.z), `place ${index}`).toBe(true);
      expect(spot.x > booth.minX && spot.x < booth.maxX && spot.z > booth.minZ && spot.z < booth.maxZ).toBe(
        true,
      );
    }
    expect(boothSpot(3)).toEqual(boothSpot(0));
    for (const seat of SEATS)
      expect(
        seat.x > booth.minX - 0.5 &&
          seat.x < booth.maxX + 0.5 &&
          seat.z > booth.minZ - 0.5 &&
          seat.z < booth.maxZ + 0.5,
        `seat ${seat.id}`,
      ).toBe(false);
  });
});
