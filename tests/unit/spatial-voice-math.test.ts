import { describe, expect, it } from "vitest";
import {
  distanceGain,
  FLOOR_PA_GAIN,
  listenerFrame,
  newListenerFrame,
  newSourceFrame,
  rotateVector,
  sourceFrame,
  VOICE_DISTANCE,
  voiceLevels,
} from "../../shared/voice/spatial-math.ts";

/** A rotation about y by `yaw` radians (three.js: positive yaw turns from -z towards -x). */
function yawRotation(yaw: number) {
  return { x: 0, y: Math.sin(yaw / 2), z: 0, w: Math.cos(yaw / 2) };
}

describe("distance gain", () => {
  it("is full within the reference distance and falls as 1/d beyond it", () => {
    expect(distanceGain(0)).toBe(1);
    expect(distanceGain(VOICE_DISTANCE.reference)).toBe(1);
    expect(distanceGain(3)).toBeCloseTo(0.5);
    expect(distanceGain(6)).toBeCloseTo(0.25);
  });

  it("fades smoothly to silence at about 20 m and stays silent beyond", () => {
    expect(distanceGain(VOICE_DISTANCE.fadeStart)).toBeCloseTo(
      VOICE_DISTANCE.reference / VOICE_DISTANCE.fadeStart,
    );
    expect(distanceGain(17.5)).toBeGreaterThan(0);
    expect(distanceGain(17.5)).toBeLessThan(VOICE_DISTANCE.reference / 17.5);
    expect(distanceGain(19.99)).toBeLessThan(0.001);
    expect(distanceGain(20)).toBe(0);
    expect(distanceGain(35)).toBe(0);
  });

  it("never rises with distance", () => {
    let previous = 1;
    for (let d = 0; d < 25; d += 0.05) {
      const gain = distanceGain(d);
      expect(gain).toBeLessThanOrEqual(previous + 1e-12);
      previous = gain;
    }
  });
});

describe("listener and source frames", () => {
  it("turns the listener's forward and up with the head", () => {
    const frame = listenerFrame({ x: 1, y: 1.6, z: 2 }, yawRotation(Math.PI / 2), newListenerFrame());
    expect(frame.position).toEqual({ x: 1, y: 1.6, z: 2 });
    // Turned a quarter to the left: the nose points at -x.
    expect(frame.forward.x).toBeCloseTo(-1);
    expect(frame.forward.z).toBeCloseTo(0);
    expect(frame.up.y).toBeCloseTo(1);
  });

  it("keeps forward and up orthonormal for any rotation", () => {
    const q = { x: 0.3, y: -0.5, z: 0.2, w: 0.787 };
    const norm = Math.hypot(q.x, q.y, q.z, q.w);
    const unit = { x: q.x / norm, y: q.y / norm, z: q.z / norm, w: q.w / norm };
    const { forward, up } = listenerFrame({ x: 0, y: 0, z: 0 }, unit, newListenerFrame());
    expect(Math.hypot(forward.x, forward.y, forward.z)).toBeCloseTo(1);
    expect(Math.hypot(up.x, up.y, up.z)).toBeCloseTo(1);
    expect(forward.x * up.x + forward.y * up.y + forward.z * up.z).toBeCloseTo(0);
  });

  it("places a speaker at their head, facing where they look, at the level their distance gives", () => {
    const frame = sourceFrame(
      { x: -3, y: 1.6, z: 0 },
      yawRotation(-Math.PI / 2),
      { x: 0, y: 1.6, z: 0 },
      newSourceFrame(),
    );
    expect(frame.position).toEqual({ x: -3, y: 1.6, z: 0 });
    // Turned a quarter to the right: faces +x, towards the listener.
    expect(frame.orientation.x).toBeCloseTo(1);
    expect(frame.gain).toBeCloseTo(0.5);
  });

  it("rotates in place without allocating a new vector", () => {
    const v = { x: 0, y: 0, z: -1 };
    expect(rotateVector(yawRotation(Math.PI), v, v)).toBe(v);
    expect(v.z).toBeCloseTo(1);
  });
});

describe("floor holder", () => {
  it("adds an even PA level everywhere while the spatial voice still attenuates", () => {
    expect(voiceLevels(30, true)).toEqual({ spatial: 0, pa: FLOOR_PA_GAIN });
    expect(voiceLevels(3, true).spatial).toBeCloseTo(0.5);
    expect(voiceLevels(3, false)).toEqual({ spatial: distanceGain(3), pa: 0 });
  });
});
