import { describe, expect, it } from "vitest";
import { ENTRANCE, HALL, SEATS, STAGE } from "../../shared/hall/hall-geometry.ts";
import {
  floorHeightAt,
  nearestSeat,
  SEAT_SNAP_RADIUS,
  teleportVerdict,
} from "../../shared/hall/teleport-rules.ts";

const citizen = { hasFloor: false };
const speaker = { hasFloor: true };

describe("teleport verdicts", () => {
  it("accepts the open floor by the entrance", () => {
    expect(teleportVerdict(ENTRANCE, citizen)).toEqual({ ok: true });
  });

  it("refuses points beyond the walls as outside the hall", () => {
    expect(teleportVerdict({ x: HALL.maxX + 2, z: 0 }, citizen)).toEqual({
      ok: false,
      reason: "outside_hall",
    });
    expect(teleportVerdict({ x: 0, z: HALL.maxZ + 5 }, speaker)).toEqual({
      ok: false,
      reason: "outside_hall",
    });
    expect(teleportVerdict({ x: Number.NaN, z: 0 }, citizen).ok).toBe(false);
  });

  it("refuses points in a wall or too close to one for a body", () => {
    expect(teleportVerdict({ x: HALL.minX - 0.1, z: 10 }, citizen)).toEqual({ ok: false, reason: "in_wall" });
    expect(teleportVerdict({ x: HALL.minX + 0.1, z: 10 }, citizen)).toEqual({ ok: false, reason: "in_wall" });
    expect(teleportVerdict({ x: HALL.minX + 0.5, z: 10 }, citizen)).toEqual({ ok: true });
  });

  it("keeps citizens off the stage and lets the floor holder up", () => {
    const onStage = { x: 2, z: (STAGE.minZ + STAGE.maxZ) / 2 };
    expect(teleportVerdict(onStage, citizen)).toEqual({ ok: false, reason: "on_stage" });
    expect(teleportVerdict(onStage, speaker)).toEqual({ ok: true });
    expect(floorHeightAt(onStage.x, onStage.z)).toBe(STAGE.height);
    expect(floorHeightAt(ENTRANCE.x, ENTRANCE.z)).toBe(0);
  });

  it("refuses landing inside a seat", () => {
    const seat = SEATS[40];
    expect(seat).toBeDefined();
    expect(teleportVerdict({ x: seat?.x ?? 0, z: seat?.z ?? 0 }, citizen)).toEqual({
      ok: false,
      reason: "blocked",
    });
  });
});

describe("seat snapping", () => {
  it("snaps to the nearest seat within the radius", () => {
    const seat = SEATS[25];
    if (!seat) throw new Error("no seat 25");
    expect(nearestSeat(seat.x + 0.1, seat.z - 0.1)?.id).toBe(seat.id);
    expect(nearestSeat(seat.x, seat.z)?.id).toBe(seat.id);
  });

  it("finds no seat on the open floor or just beyond the radius", () => {
    expect(nearestSeat(ENTRANCE.x, ENTRANCE.z)).toBeUndefined();
    const seat = SEATS[0];
    if (!seat) throw new Error("no seat 0");
    // Outwards along the row's end there is no neighbour, so only this seat could be in reach.
    const away = nearestSeat(HALL.minX + 0.5, seat.z, SEAT_SNAP_RADIUS);
    expect(away).toBeUndefined();
  });

  it("picks the closer of two neighbours", () => {
    const [a, b] = [SEATS[10], SEATS[11]];
    if (!a || !b || a.row !== b.row) throw new Error("expected neighbours in one row");
    const x = a.x + (b.x - a.x) * 0.3;
    const z = a.z + (b.z - a.z) * 0.3;
    expect(nearestSeat(x, z)?.id).toBe(a.id);
  });
});
