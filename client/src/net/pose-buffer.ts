/**
 * Recent poses of every remote participant, stamped with their arrival time, so that avatars can be
 * drawn a little in the past and move smoothly between patches. Fixed-size rings of floats: recording
 * and sampling allocate nothing.
 */
import { Quaternion } from "three";
import { unpackQuaternion } from "../../../shared/pose/quaternion-codec.ts";
import type { Participant, Pose } from "../../../shared/state/town-hall-state.ts";

/** How far behind the newest patch avatars are drawn: two patch intervals, so one late patch goes unnoticed. */
export const RENDER_DELAY_MS = 100;
/** The room's patch interval; used to re-stamp a pose that was held still before it starts to move. */
const PATCH_INTERVAL_MS = 50;

export const HEAD = 0;
export const LEFT_HAND = 1;
export const RIGHT_HAND = 2;
export type PosePart = typeof HEAD | typeof LEFT_HAND | typeof RIGHT_HAND;

const CAPACITY = 16;
/** x, y, z, then the rotation's x, y, z, w. */
const PART_FLOATS = 7;
const SAMPLE_FLOATS = 1 + 3 * PART_FLOATS;

const unpacked = { x: 0, y: 0, z: 0, w: 1 };
const incoming = new Float64Array(SAMPLE_FLOATS);

export interface PositionLike {
  x: number;
  y: number;
  z: number;
}

class PoseTrack {
  readonly samples = new Float64Array(CAPACITY * SAMPLE_FLOATS);
  count = 0;
  /** Ring index of the newest sample. */
  newest = -1;

  #offset(age: number): number {
    return ((this.newest - age + CAPACITY) % CAPACITY) * SAMPLE_FLOATS;
  }

  #append(source: Float64Array, sourceOffset: number, time: number): void {
    this.newest = (this.newest + 1) % CAPACITY;
    this.count = Math.min(this.count + 1, CAPACITY);
    const offset = this.newest * SAMPLE_FLOATS;
    for (let i = 1; i < SAMPLE_FLOATS; i++) this.samples[offset + i] = source[sourceOffset + i] as number;
    this.samples[offset] = time;
  }

  record(now: number): void {
    if (this.count > 0) {
      const last = this.#offset(0);
      let same = true;
      for (let i = 1; i < SAMPLE_FLOATS && same; i++) same = this.samples[last + i] === incoming[i];
      if (same) return;
      // After a still spell, the previous pose is re-stamped just before this one, or the avatar would
      // glide from where it stood seconds ago instead of moving at the pace it really moved.
      if (now - (this.samples[last] as number) > 2 * PATCH_INTERVAL_MS) {
        this.#append(this.samples, last, now - PATCH_INTERVAL_MS);
      }
    }
    this.#append(incoming, 0, now);
  }

  /** Writes the part's pose at `time` into the outputs; false when nothing was recorded yet. */
  sample(time: number, part: PosePart, position: PositionLike, rotation: Quaternion): boolean {
    if (this.count === 0) return false;
    let age = 0;
    while (age < this.count - 1 && (this.samples[this.#offset(age)] as number) > time) age++;
    const older = this.#offset(age);
    const base = 1 + part * PART_FLOATS;
    const s = this.samples;
    if (age === 0 || (s[older] as number) > time) {
      position.x = s[older + base] as number;
      position.y = s[older + base + 1] as number;
      position.z = s[older + base + 2] as number;
      rotation.set(
        s[older + base + 3] as number,
        s[older + base + 4] as number,
        s[older + base + 5] as number,
        s[older + base + 6] as number,
      );
      return true;
    }
    const newer = this.#offset(age - 1);
    const span = (s[newer] as number) - (s[older] as number);
    const t = span > 0 ? (time - (s[older] as number)) / span : 1;
    position.x =
      (s[older + base] as number) + ((s[newer + base] as number) - (s[older + base] as number)) * t;
    position.y =
      (s[older + base + 1] as number) +
      ((s[newer + base + 1] as number) - (s[older + base + 1] as number)) * t;
    position.z =
      (s[older + base + 2] as number) +
      ((s[newer + base + 2] as number) - (s[older + base + 2] as number)) * t;
    // slerpFlat only indexes its arrays, so the typed array can stand in for number[].
    const flat = s as unknown as number[];
    Quaternion.slerpFlat(quaternionScratch, 0, flat, older + base + 3, flat, newer + base + 3, t);
    rotation.fromArray(quaternionScratch);
    return true;
  }
}

const quaternionScratch = [0, 0, 0, 1];
const tracks = new Map<string, PoseTrack>();

function writePart(pose: Pose, part: PosePart): void {
  const base = 1 + part * PART_FLOATS;
  unpackQuaternion(pose.rotation, unpacked);
  incoming[base] = pose.x;
  incoming[base + 1] = pose.y;
  incoming[base + 2] = pose.z;
  incoming[base + 3] = unpacked.x;
  incoming[base + 4] = unpacked.y;
  incoming[base + 5] = unpacked.z;
  incoming[base + 6] = unpacked.w;
}

/** Called after every state patch: keeps the participant's pose when it changed. */
export function recordPose(id: string, participant: Participant, now: number): void {
  if (!participant.head || !participant.leftHand || !participant.rightHand) return;
  writePart(participant.head, HEAD);
  writePart(participant.leftHand, LEFT_HAND);
  writePart(participant.rightHand, RIGHT_HAND);
  let track = tracks.get(id);
  if (!track) {
    track = new PoseTrack();
    tracks.set(id, track);
  }
  track.record(now);
}

export function samplePose(
  id: string,
  time: number,
  part: PosePart,
  position: PositionLike,
  rotation: Quaternion,
): boolean {
  return tracks.get(id)?.sample(time, part, position, rotation) ?? false;
}

export function forgetPoses(id: string): void {
  tracks.delete(id);
}

export function forgetAllPoses(): void {
  tracks.clear();
}
