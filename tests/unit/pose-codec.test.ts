import { Decoder, Encoder, StateView } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { HALL } from "../../shared/hall/hall-geometry.ts";
import { packPosition, unpackPosition } from "../../shared/pose/position-codec.ts";
import { packQuaternion, type QuaternionLike, unpackQuaternion } from "../../shared/pose/quaternion-codec.ts";
import { Participant, TownHallState } from "../../shared/state/town-hall-state.ts";

/** A deterministic pseudo-random sequence, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomQuaternion(next: () => number): QuaternionLike {
  const [u1, u2, u3] = [next(), next(), next()];
  return {
    x: Math.sqrt(1 - u1) * Math.sin(2 * Math.PI * u2),
    y: Math.sqrt(1 - u1) * Math.cos(2 * Math.PI * u2),
    z: Math.sqrt(u1) * Math.sin(2 * Math.PI * u3),
    w: Math.sqrt(u1) * Math.cos(2 * Math.PI * u3),
  };
}

function angleBetweenDegrees(a: QuaternionLike, b: QuaternionLike): number {
  const dot = Math.abs(a.x * b.x + a.y * b.y + a.z * b.z + a.w * b.w);
  return (2 * Math.acos(Math.min(1, dot)) * 180) / Math.PI;
}

describe("pose quantisation", () => {
  it("packs rotations into 32 bits within half a degree", () => {
    const next = random(7);
    const out = { x: 0, y: 0, z: 0, w: 0 };
    let worst = 0;
    for (let i = 0; i < 20_000; i++) {
      const q = randomQuaternion(next);
      const packed = packQuaternion(q.x, q.y, q.z, q.w);
      expect(packed).toBeGreaterThanOrEqual(0);
      expect(packed).toBeLessThan(2 ** 32);
      worst = Math.max(worst, angleBetweenDegrees(q, unpackQuaternion(packed, out)));
    }
    expect(worst).toBeLessThan(0.5);
  });

  it("packs a position into one integer below 2^48, within half a step of 16 bits per axis", () => {
    const next = random(11);
    const out = { x: 0, y: 0, z: 0 };
    const halfStep = {
      x: (HALL.maxX - HALL.minX) / 65535 / 2,
      y: HALL.height / 65535 / 2,
      z: (HALL.maxZ - HALL.minZ) / 65535 / 2,
    };
    for (let i = 0; i < 20_000; i++) {
      const x = HALL.minX + next() * (HALL.maxX - HALL.minX);
      const y = next() * HALL.height;
      const z = HALL.minZ + next() * (HALL.maxZ - HALL.minZ);
      const packed = packPosition(x, y, z);
      expect(Number.isSafeInteger(packed)).toBe(true);
      expect(packed).toBeLessThan(2 ** 48);
      unpackPosition(packed, out);
      expect(Math.abs(out.x - x)).toBeLessThanOrEqual(halfStep.x + 1e-9);
      expect(Math.abs(out.y - y)).toBeLessThanOrEqual(halfStep.y + 1e-9);
      expect(Math.abs(out.z - z)).toBeLessThanOrEqual(halfStep.z + 1e-9);
    }
    // The hall's corners are exact; anything outside is held at its walls, and NaN at the minimum.
    expect(unpackPosition(packPosition(HALL.minX, 0, HALL.minZ), out)).toEqual({
      x: HALL.minX,
      y: 0,
      z: HALL.minZ,
    });
    expect(packPosition(HALL.maxX, HALL.height, HALL.maxZ)).toBe(2 ** 48 - 1);
    expect(unpackPosition(packPosition(99, -4, -99), out)).toEqual({ x: HALL.maxX, y: 0, z: HALL.minZ });
    expect(unpackPosition(packPosition(Number.NaN, 1, 0), out).x).toBe(HALL.minX);
  });

  it("round-trips whole avatars through the real state encoder within 1 cm and 1 degree", () => {
    const next = random(42);
    const state = new TownHallState();
    const expected = new Map<string, { position: number[]; rotation: QuaternionLike }>();
    for (let i = 0; i < 50; i++) {
      const participant = new Participant();
      participant.id = `p${i}`;
      const position = [
        HALL.minX + next() * (HALL.maxX - HALL.minX),
        next() * HALL.height,
        HALL.minZ + next() * (HALL.maxZ - HALL.minZ),
      ];
      const rotation = randomQuaternion(next);
      Object.assign(participant.pose, {
        headPosition: packPosition(position[0] ?? 0, position[1] ?? 0, position[2] ?? 0),
        headRotation: packQuaternion(rotation.x, rotation.y, rotation.z, rotation.w),
      });
      state.participants.set(participant.id, participant);
      expected.set(participant.id, { position, rotation });
    }
    const encoder = new Encoder(state);
    // Full poses reach the clients whose view holds the avatar (interest management): this one sees all.
    const view = new StateView();
    for (const participant of state.participants.values()) view.add(participant);
    const it = { offset: 0 };
    encoder.encodeAll(it);
    const bytes = encoder.encodeAllView(view, it.offset, it);
    const received = new TownHallState();
    new Decoder(received).decode(bytes);
    const out = { x: 0, y: 0, z: 0, w: 0 };
    expect(received.participants.size).toBe(50);
    for (const [id, { position, rotation }] of expected) {
      const pose = received.participants.get(id)?.pose;
      expect(pose).toBeDefined();
      if (!pose) continue;
      const head = unpackPosition(pose.headPosition, { x: 0, y: 0, z: 0 });
      expect(
        Math.hypot(head.x - (position[0] ?? 0), head.y - (position[1] ?? 0), head.z - (position[2] ?? 0)),
      ).toBeLessThan(0.01);
      expect(angleBetweenDegrees(rotation, unpackQuaternion(pose.headRotation, out))).toBeLessThan(1);
    }
    // A moving head costs its packed position (three 16-bit coordinates) and a packed rotation.
    encoder.discardChanges();
    const mover = state.participants.get("p7");
    if (mover)
      Object.assign(mover.pose, {
        headPosition: packPosition(1.234, 1.5, 2.345),
        headRotation: packQuaternion(0, 0.1, 0, 1),
      });
    const patchIt = { offset: 0 };
    encoder.encode(patchIt);
    const patch = encoder.encodeView(view, patchIt.offset, patchIt);
    expect(patch.byteLength).toBeGreaterThan(0);
    expect(patch.byteLength).toBeLessThan(24);
  });
});
