/**
 * Recent poses of every remote participant, stamped with their arrival time, so that avatars can be
 * drawn a little in the past and move smoothly between patches. Fixed-size rings of floats: recording
 * and sampling allocate nothing. A participant whose full pose this client does not receive (far away,
 * see shared/pose/interest.ts) is recorded from the coarse head, with hands resting beside the body,
 * and drawn further in the past because the coarse head arrives only a few times per second.
 */
import { Quaternion } from "three";
import { unpackCoarseHead } from "../../../shared/pose/coarse-pose.ts";
import { type PositionLike, unpackPosition } from "../../../shared/pose/position-codec.ts";
import { unpackQuaternion } from "../../../shared/pose/quaternion-codec.ts";
import type { Participant } from "../../../shared/state/town-hall-state.ts";

/** How far behind the newest patch avatars are drawn: two patch intervals, so one late patch goes unnoticed. */
export const RENDER_DELAY_MS = 100;
/** The room's patch interval; used to re-stamp a pose that was held still before it starts to move. */
const PATCH_INTERVAL_MS = 50;
/** How often the server refreshes coarse heads (server/rooms/avatar-interest.ts). */
const COARSE_INTERVAL_MS = 250;
/** Coarse tracks are drawn this much further back, so that there is always a newer sample to move towards. */
const COARSE_EXTRA_DELAY_MS = COARSE_INTERVAL_MS + 50 - RENDER_DELAY_MS;
const HAND_DROP = 0.7;
const HAND_SIDE = 0.3;

export const HEAD = 0;
export const LEFT_HAND = 1;
export const RIGHT_HAND = 2;
export type PosePart = typeof HEAD | typeof LEFT_HAND | typeof RIGHT_HAND;

const CAPACITY = 16;
/** x, y, z, then the rotation's x, y, z, w. */
const PART_FLOATS = 7;
const SAMPLE_FLOATS = 1 + 3 * PART_FLOATS;

const unpacked = { x: 0, y: 0, z: 0, w: 1 };
const unpackedPosition = { x: 0, y: 0, z: 0 };
const coarseHead = { x: 0, y: 0, z: 0, yaw: 0 };
const incoming = new Float64Array(SAMPLE_FLOATS);

class PoseTrack {
  readonly samples = new Float64Array(CAPACITY * SAMPLE_FLOATS);
  count = 0;
  /** Ring index of the newest sample. */
  newest = -1;
  /** Recorded from the coarse head: the full pose does not reach this client. */
  coarse = false;

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
    const interval = this.coarse ? COARSE_INTERVAL_MS : PATCH_INTERVAL_MS;
    if (this.count > 0) {
      const last = this.#offset(0);
      let same = true;
      for (let i = 1; i < SAMPLE_FLOATS && same; i++) same = this.samples[last + i] === incoming[i];
      if (same) return;
      // After a still spell, the previous pose is re-stamped just before this one, or the avatar would
      // glide from where it stood seconds ago instead of moving at the pace it really moved.
      if (now - (this.samples[last] as number) > 2 * interval) {
        this.#append(this.samples, last, now - interval);
      }
    }
    this.#append(incoming, 0, now);
  }

  /** Writes the part's pose at `time` into the outputs; false when nothing was recorded yet. */
  sample(drawnAt: number, part: PosePart, position: PositionLike, rotation: Quaternion): boolean {
    if (this.count === 0) return false;
    const time = this.coarse ? drawnAt - COARSE_EXTRA_DELAY_MS : drawnAt;
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

function writePart(part: PosePart, position: number, rotation: number): void {
  const base = 1 + part * PART_FLOATS;
  unpackPosition(position, unpackedPosition);
  unpackQuaternion(rotation, unpacked);
  incoming[base] = unpackedPosition.x;
  incoming[base + 1] = unpackedPosition.y;
  incoming[base + 2] = unpackedPosition.z;
  incoming[base + 3] = unpacked.x;
  incoming[base + 4] = unpacked.y;
  incoming[base + 5] = unpacked.z;
  incoming[base + 6] = unpacked.w;
}

function writeResting(part: PosePart, x: number, y: number, z: number, sin: number, cos: number): void {
  const base = 1 + part * PART_FLOATS;
  incoming[base] = x;
  incoming[base + 1] = y;
  incoming[base + 2] = z;
  incoming[base + 3] = 0;
  incoming[base + 4] = sin;
  incoming[base + 5] = 0;
  incoming[base + 6] = cos;
}

/** The coarse head, facing its yaw, with both hands resting beside the body. */
function writeCoarse(packed: number): void {
  const { x, y, z, yaw } = unpackCoarseHead(packed, coarseHead);
  const sin = Math.sin(yaw / 2);
  const cos = Math.cos(yaw / 2);
  const sideX = Math.cos(yaw) * HAND_SIDE;
  const sideZ = -Math.sin(yaw) * HAND_SIDE;
  writeResting(HEAD, x, y, z, sin, cos);
  writeResting(LEFT_HAND, x - sideX, y - HAND_DROP, z - sideZ, sin, cos);
  writeResting(RIGHT_HAND, x + sideX, y - HAND_DROP, z + sideZ, sin, cos);
}

/** Called after every state patch: keeps the participant's pose when it changed. */
export function recordPose(id: string, participant: Participant, now: number): void {
  const full = participant.pose;
  if (full) {
    writePart(HEAD, full.headPosition, full.headRotation);
    writePart(LEFT_HAND, full.leftPosition, full.leftRotation);
    writePart(RIGHT_HAND, full.rightPosition, full.rightRotation);
  } else {
    writeCoarse(participant.coarse);
  }
  let track = tracks.get(id);
  if (!track) {
    track = new PoseTrack();
    tracks.set(id, track);
  }
  track.coarse = !full;
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

/**
 * Where a participant's head is as this client knows it, written to `out`: the full pose when
 * received, else the coarse head.
 */
export function knownHead<T extends PositionLike>(participant: Participant, out: T): T {
  const full = participant.pose;
  if (full) return unpackPosition(full.headPosition, out);
  unpackCoarseHead(participant.coarse, coarseHead);
  out.x = coarseHead.x;
  out.y = coarseHead.y;
  out.z = coarseHead.z;
  return out;
}
