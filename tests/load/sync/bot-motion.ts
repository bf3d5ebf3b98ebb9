/**
 * How a benchmark bot moves: it walks between random points of the hall at a stroll, turns its head
 * towards where it goes with a slow look around, and swings both hands. The left hand's height also
 * carries the send time (milliseconds modulo 1024), so a receiving bot can tell how old a pose is by
 * its values alone, without any field the product does not have.
 */
import { HALL } from "../../../shared/hall/hall-geometry.ts";
import type { PoseTuple } from "../../../shared/protocol/room-messages.ts";

const WALK_SPEED = 1.1;
const MARGIN = 1;
const EYE_HEIGHT = 1.6;
/** The left hand's height runs from STAMP_BASE to STAMP_BASE + STAMP_SPAN over 1024 ms. */
const STAMP_BASE = 0.7;
const STAMP_SPAN = 0.4;
const STAMP_PERIOD = 1024;

export interface BotPose {
  readonly head: PoseTuple;
  readonly leftHand: PoseTuple;
  readonly rightHand: PoseTuple;
}

/** A deterministic pseudo-random sequence per bot, so that runs are comparable. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function yawQuaternion(out: PoseTuple, offset: number, yaw: number, pitch: number): void {
  const cy = Math.cos(yaw / 2);
  const sy = Math.sin(yaw / 2);
  const cp = Math.cos(pitch / 2);
  const sp = Math.sin(pitch / 2);
  // Yaw about Y, then pitch about X (YXZ, the order cameras use).
  out[offset] = cy * sp;
  out[offset + 1] = sy * cp;
  out[offset + 2] = -sy * sp;
  out[offset + 3] = cy * cp;
}

export class BotMotion {
  readonly pose: BotPose = {
    head: [0, EYE_HEIGHT, 0, 0, 0, 0, 1],
    leftHand: [0, 1, 0, 0, 0, 0, 1],
    rightHand: [0, 1, 0, 0, 0, 0, 1],
  };
  readonly #next: () => number;
  #x: number;
  #z: number;
  #targetX = 0;
  #targetZ = 0;
  #phase: number;

  constructor(seed: number) {
    this.#next = random(seed);
    this.#x = this.#randomX();
    this.#z = this.#randomZ();
    this.#phase = this.#next() * Math.PI * 2;
    this.#pickTarget();
  }

  #randomX(): number {
    return HALL.minX + MARGIN + this.#next() * (HALL.maxX - HALL.minX - 2 * MARGIN);
  }

  #randomZ(): number {
    return HALL.minZ + MARGIN + this.#next() * (HALL.maxZ - HALL.minZ - 2 * MARGIN);
  }

  #pickTarget(): void {
    this.#targetX = this.#randomX();
    this.#targetZ = this.#randomZ();
  }

  /** Advances by `seconds` and writes the pose to send at `sentAtMs` (epoch milliseconds). */
  step(seconds: number, sentAtMs: number): BotPose {
    const dx = this.#targetX - this.#x;
    const dz = this.#targetZ - this.#z;
    const distance = Math.hypot(dx, dz);
    if (distance < 0.2) this.#pickTarget();
    const stride = Math.min(distance, WALK_SPEED * seconds);
    if (distance > 0) {
      this.#x += (dx / distance) * stride;
      this.#z += (dz / distance) * stride;
    }
    this.#phase += seconds * 2.5;
    const heading = Math.atan2(-dx, -dz);
    const yaw = heading + 0.6 * Math.sin(this.#phase * 0.3);
    const { head, leftHand, rightHand } = this.pose;
    head[0] = this.#x;
    head[2] = this.#z;
    yawQuaternion(head, 3, yaw, 0.2 * Math.sin(this.#phase * 0.5));
    const sideX = Math.cos(yaw) * 0.3;
    const sideZ = -Math.sin(yaw) * 0.3;
    const swing = 0.15 * Math.sin(this.#phase);
    leftHand[0] = this.#x - sideX;
    leftHand[1] = STAMP_BASE + (STAMP_SPAN * (sentAtMs % STAMP_PERIOD)) / STAMP_PERIOD;
    leftHand[2] = this.#z - sideZ + swing;
    yawQuaternion(leftHand, 3, yaw, swing);
    rightHand[0] = this.#x + sideX;
    rightHand[1] = 0.9 + 0.1 * Math.cos(this.#phase);
    rightHand[2] = this.#z + sideZ - swing;
    yawQuaternion(rightHand, 3, yaw, -swing);
    return this.pose;
  }
}

/** Age of a received left-hand height in milliseconds, given the receiver's clock (valid below 1 s). */
export function stampAge(leftHandY: number, nowMs: number): number {
  const sent = ((leftHandY - STAMP_BASE) / STAMP_SPAN) * STAMP_PERIOD;
  return (((nowMs - sent) % STAMP_PERIOD) + STAMP_PERIOD) % STAMP_PERIOD;
}

/** Epoch milliseconds with sub-millisecond resolution, the same in every worker thread. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}
