import { describe, expect, it } from "vitest";
import { HALL } from "../../shared/hall/hall-geometry.ts";
import { packCoarseHead, unpackCoarseHead, yawOf } from "../../shared/pose/coarse-pose.ts";
import {
  fullRateSet,
  type InterestSubject,
  KEEP_BONUS_METRES,
  LOW_BANDWIDTH_FULL_RATE,
  MAX_FULL_RATE,
  NEAR_ENTER_METRES,
  NEAR_LEAVE_METRES,
} from "../../shared/pose/interest.ts";

function subject(id: string, x: number, z: number, extra: Partial<InterestSubject> = {}): InterestSubject {
  return { id, x, z, table: -1, hasFloor: false, ...extra };
}

const viewer = subject("me", 0, 0);

describe("full-rate interest", () => {
  it("takes people within the entry radius and leaves out the viewer and those beyond it", () => {
    const chosen = fullRateSet(
      viewer,
      [viewer, subject("close", 2, 1), subject("edge", NEAR_ENTER_METRES - 0.1, 0), subject("far", 12, 0)],
      new Set(),
    );
    expect([...chosen].sort()).toEqual(["close", "edge"]);
  });

  it("keeps someone already received until they pass the leave radius (hysteresis)", () => {
    const between = subject("between", (NEAR_ENTER_METRES + NEAR_LEAVE_METRES) / 2, 0);
    expect(fullRateSet(viewer, [between], new Set()).has("between")).toBe(false);
    expect(fullRateSet(viewer, [between], new Set(["between"])).has("between")).toBe(true);
    const gone = subject("between", NEAR_LEAVE_METRES + 0.1, 0);
    expect(fullRateSet(viewer, [gone], new Set(["between"])).has("between")).toBe(false);
  });

  it("always includes whoever holds the floor and the viewer's table mates, however far", () => {
    const seated = subject("me", 0, 0, { table: 2 });
    const chosen = fullRateSet(
      seated,
      [
        subject("speaker", 25, -10, { hasFloor: true }),
        subject("mate", 20, 5, { table: 2 }),
        subject("other-table", 20, 6, { table: 3 }),
      ],
      new Set(),
    );
    expect([...chosen].sort()).toEqual(["mate", "speaker"]);
  });

  it("caps the set at the nearest few, floor holder first, and favours those already received", () => {
    const crowd = Array.from({ length: 60 }, (_, i) => subject(`p${i}`, 0.1 * (i + 1), 0));
    const speaker = subject("speaker", 20, 0, { hasFloor: true });
    const chosen = fullRateSet(viewer, [...crowd, speaker], new Set());
    expect(chosen.size).toBe(MAX_FULL_RATE);
    expect(chosen.has("speaker")).toBe(true);
    expect(chosen.has("p0")).toBe(true);
    expect(chosen.has(`p${MAX_FULL_RATE - 1}`)).toBe(false);
    // Already received, p25 (2.6 m) keeps its place over p18 (1.9 m): it counts as 1 m closer.
    const kept = fullRateSet(viewer, [...crowd, speaker], new Set(["p25", "p40"]));
    expect(kept.size).toBe(MAX_FULL_RATE);
    expect(kept.has("p25")).toBe(true);
    expect(kept.has("p18")).toBe(false);
    expect(kept.has("p40")).toBe(false);
  });

  it("keeps only the floor holder and the closest table mates under the low-bandwidth cap", () => {
    const seated = subject("me", 0, 0, { table: 1 });
    const near = Array.from({ length: 6 }, (_, i) => subject(`near${i}`, 0.5 * (i + 1), 0));
    const mates = [subject("mate-far", 15, 0, { table: 1 }), subject("mate-close", 12, 0, { table: 1 })];
    const speaker = subject("speaker", 25, 0, { hasFloor: true });
    const everyone = [seated, ...near, ...mates, speaker];
    const chosen = fullRateSet(seated, everyone, new Set(), LOW_BANDWIDTH_FULL_RATE);
    expect([...chosen].sort()).toEqual(["mate-close", "mate-far", "speaker"]);
    const plenary = fullRateSet(viewer, [viewer, ...near], new Set(), LOW_BANDWIDTH_FULL_RATE);
    expect([...plenary].sort()).toEqual(["near0", "near1", "near2"]);
    expect(fullRateSet(viewer, [viewer, ...near], new Set()).size).toBe(near.length);
  });

  it("picks the same set as ranking everyone and sorting, in a crowded hall with tables and a speaker", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const crowd = Array.from({ length: 300 }, (_, i) =>
      subject(`p${i}`, (random() - 0.5) * 28, (random() - 0.5) * 24, {
        table: random() < 0.2 ? Math.floor(random() * 4) : -1,
        hasFloor: i === 123,
      }),
    );
    // The rule spelled out plainly: tier, then distance (less a bonus for those kept), stable order.
    const reference = (me: InterestSubject, current: ReadonlySet<string>, limit: number) =>
      crowd
        .filter((other) => other.id !== me.id)
        .map((other, order) => {
          const distance = Math.hypot(other.x - me.x, other.z - me.z);
          const kept = current.has(other.id);
          const tier = other.hasFloor
            ? 0
            : me.table >= 0 && other.table === me.table
              ? 1
              : distance <= (kept ? NEAR_LEAVE_METRES : NEAR_ENTER_METRES)
                ? 2
                : 3;
          return { id: other.id, tier, distance: kept ? distance - KEEP_BONUS_METRES : distance, order };
        })
        .filter((ranked) => ranked.tier < 3)
        .sort((a, b) => a.tier - b.tier || a.distance - b.distance || a.order - b.order)
        .slice(0, limit)
        .map((ranked) => ranked.id);
    for (const me of crowd.slice(0, 60)) {
      const current = new Set(crowd.filter(() => random() < 0.1).map((other) => other.id));
      for (const limit of [MAX_FULL_RATE, LOW_BANDWIDTH_FULL_RATE]) {
        expect([...fullRateSet(me, crowd, current, limit)].sort()).toEqual(
          reference(me, current, limit).sort(),
        );
      }
    }
  });
});

describe("coarse head", () => {
  it("packs a head into 32 bits within 3 cm across the hall, 5 cm in height and 3 degrees of yaw", () => {
    const out = { x: 0, y: 0, z: 0, yaw: 0 };
    for (let i = 0; i < 2000; i++) {
      const x = HALL.minX + ((i * 7919) % 1000) * ((HALL.maxX - HALL.minX) / 1000);
      const z = HALL.minZ + ((i * 104729) % 1000) * ((HALL.maxZ - HALL.minZ) / 1000);
      const y = 0.5 + (i % 25) * 0.1;
      const yaw = -Math.PI + ((i * 31) % 360) * (Math.PI / 180);
      const packed = packCoarseHead(x, y, z, yaw);
      expect(packed).toBeGreaterThanOrEqual(0);
      expect(packed).toBeLessThan(2 ** 32);
      unpackCoarseHead(packed, out);
      expect(Math.abs(out.x - x)).toBeLessThan(0.03);
      expect(Math.abs(out.z - z)).toBeLessThan(0.03);
      expect(Math.abs(out.y - y)).toBeLessThan(0.051);
      const turn = Math.abs(Math.atan2(Math.sin(out.yaw - yaw), Math.cos(out.yaw - yaw)));
      expect(turn).toBeLessThan((3 * Math.PI) / 180);
    }
  });

  it("reads the yaw of a rotation that also pitches", () => {
    const yaw = 0.8;
    const pitch = -0.4;
    // q = yaw about Y, then pitch about X (the YXZ order of cameras).
    const qy = { x: 0, y: Math.sin(yaw / 2), z: 0, w: Math.cos(yaw / 2) };
    const qx = { x: Math.sin(pitch / 2), y: 0, z: 0, w: Math.cos(pitch / 2) };
    const q = {
      x: qy.w * qx.x + qy.x * qx.w + qy.y * qx.z - qy.z * qx.y,
      y: qy.w * qx.y - qy.x * qx.z + qy.y * qx.w + qy.z * qx.x,
      z: qy.w * qx.z + qy.x * qx.y - qy.y * qx.x + qy.z * qx.w,
      w: qy.w * qx.w - qy.x * qx.x - qy.y * qx.y - qy.z * qx.z,
    };
    expect(yawOf(q.x, q.y, q.z, q.w)).toBeCloseTo(yaw, 6);
  });
});
