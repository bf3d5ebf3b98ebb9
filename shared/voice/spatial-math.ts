/**
 * Where a voice comes from and how loud it is: pure math from head poses to the parameters of a
 * Web Audio panner and listener. The mixer applies them; nothing here touches audio.
 */

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

export interface Quat {
  x: number;
  y: number;
  z: number;
  w: number;
}

/** How loudness falls with distance: full up to `reference`, then 1/d, fading to silence at `silent`. */
export interface DistanceModel {
  /** Metres within which a voice is at full level (a conversation across a table). */
  readonly reference: number;
  /** Where the fade to silence starts. */
  readonly fadeStart: number;
  /** Beyond this a voice is inaudible (and need not be received at all). */
  readonly silent: number;
}

export const VOICE_DISTANCE: DistanceModel = { reference: 1.5, fadeStart: 15, silent: 20 };

/** The floor holder's voice: an even, unattenuated "PA" level everywhere plus the spatial voice at the stage. */
export const FLOOR_PA_GAIN = 0.7;

/** Gain of a voice at `distance` metres: inverse-distance beyond the reference, reaching 0 at `silent`. */
export function distanceGain(distance: number, model: DistanceModel = VOICE_DISTANCE): number {
  if (!(distance > model.reference)) return 1;
  if (distance >= model.silent) return 0;
  const inverse = model.reference / distance;
  if (distance <= model.fadeStart) return inverse;
  // A cosine fade over the last metres, so voices thin out instead of stopping at a hard edge.
  const t = (distance - model.fadeStart) / (model.silent - model.fadeStart);
  return inverse * 0.5 * (1 + Math.cos(Math.PI * t));
}

/** Rotates `v` by the unit quaternion `q` into `out` (which may be `v`); returns `out`. */
export function rotateVector(q: Quat, v: Vec3, out: Vec3): Vec3 {
  // t = 2 * cross(q.xyz, v); out = v + w * t + cross(q.xyz, t)
  const tx = 2 * (q.y * v.z - q.z * v.y);
  const ty = 2 * (q.z * v.x - q.x * v.z);
  const tz = 2 * (q.x * v.y - q.y * v.x);
  const x = v.x + q.w * tx + (q.y * tz - q.z * ty);
  const y = v.y + q.w * ty + (q.z * tx - q.x * tz);
  const z = v.z + q.w * tz + (q.x * ty - q.y * tx);
  out.x = x;
  out.y = y;
  out.z = z;
  return out;
}

/** What a Web Audio listener needs: where the ears are, which way the nose points, which way is up. */
export interface ListenerFrame {
  readonly position: Vec3;
  readonly forward: Vec3;
  readonly up: Vec3;
}

/** What a voice's panner needs, and the level it plays at. */
export interface SourceFrame {
  readonly position: Vec3;
  /** The way the speaker faces (their voice is a little quieter behind them). */
  readonly orientation: Vec3;
  /** Distance gain towards the listener, from `distanceGain`. */
  gain: number;
}

const FORWARD: Vec3 = { x: 0, y: 0, z: -1 };
const UP: Vec3 = { x: 0, y: 1, z: 0 };

/** The listener from a head (or camera) pose; three.js convention: a head with no rotation looks down -z. */
export function listenerFrame(position: Vec3, rotation: Quat, out: ListenerFrame): ListenerFrame {
  out.position.x = position.x;
  out.position.y = position.y;
  out.position.z = position.z;
  rotateVector(rotation, FORWARD, out.forward);
  rotateVector(rotation, UP, out.up);
  return out;
}

/** A speaker's voice from their head pose, heard by `listener`. */
export function sourceFrame(
  position: Vec3,
  rotation: Quat,
  listener: Vec3,
  out: SourceFrame,
  model: DistanceModel = VOICE_DISTANCE,
): SourceFrame {
  out.position.x = position.x;
  out.position.y = position.y;
  out.position.z = position.z;
  rotateVector(rotation, FORWARD, out.orientation);
  out.gain = distanceGain(
    Math.hypot(position.x - listener.x, position.y - listener.y, position.z - listener.z),
    model,
  );
  return out;
}

/** The two paths of a voice: spatial (attenuated by distance) and the hall-wide PA for the floor holder. */
export function voiceLevels(
  distance: number,
  hasFloor: boolean,
  model: DistanceModel = VOICE_DISTANCE,
): { spatial: number; pa: number } {
  return { spatial: distanceGain(distance, model), pa: hasFloor ? FLOOR_PA_GAIN : 0 };
}

/** Allocation-free factories for the frames above, for per-frame code. */
export function newListenerFrame(): ListenerFrame {
  return { position: { x: 0, y: 0, z: 0 }, forward: { x: 0, y: 0, z: -1 }, up: { x: 0, y: 1, z: 0 } };
}

export function newSourceFrame(): SourceFrame {
  return { position: { x: 0, y: 0, z: 0 }, orientation: { x: 0, y: 0, z: -1 }, gain: 1 };
}
