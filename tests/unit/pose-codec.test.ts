import { Decoder, Encoder, StateView } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { HALL } from "../../shared/hall/hall-geometry.ts";
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
        headX: position[0],
        headY: position[1],
        headZ: position[2],
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
      expect(
        Math.hypot(
          pose.headX - (position[0] ?? 0),
          pose.headY - (position[1] ?? 0),
          pose.headZ - (position[2] ?? 0),
        ),
      ).toBeLessThan(0.01);
      expect(angleBetweenDegrees(rotation, unpackQuaternion(pose.headRotation, out))).toBeLessThan(1);
    }
    // A moving head costs its three 16-bit coordinates and a packed rotation, nowhere near float64s.
    encoder.discardChanges();
    const mover = state.participants.get("p7");
    if (mover)
      Object.assign(mover.pose, {
        headX: 1.234,
        headY: 1.5,
        headZ: 2.345,
        headRotation: packQuaternion(0, 0.1, 0, 1),
      });
    const patchIt = { offset: 0 };
    encoder.encode(patchIt);
    const patch = encoder.encodeView(view, patchIt.offset, patchIt);
    expect(patch.byteLength).toBeGreaterThan(0);
    expect(patch.byteLength).toBeLessThan(24);
  });
});
