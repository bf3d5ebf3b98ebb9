/** Walking, turning, sitting and standing for the local player; collisions come from the shared hall rules. */
import {
  boothSpot,
  type FloorPoint,
  resolveWalk,
  SEATED_EYE_HEIGHT,
  STANDING_EYE_HEIGHT,
  seatById,
} from "../../../shared/hall/hall-geometry.ts";
import { sendToRoom } from "../net/hall-connection.ts";
import { player } from "./local-player.ts";
import { type MoveIntent, readMoveIntent } from "./player-input.ts";
import { findStandingSpot } from "./standing-spot.ts";

/** A calm indoor walking pace, in metres per second. */
const WALK_SPEED = 1.8;
const TURN_SPEED = 1.8;
/** Pad deflections below this are a resting thumb, not a wish to walk. */
const DEAD_ZONE = 0.08;
/** Seated people look slightly down at the stage rather than at the screen's top edge. */
const SEATED_PITCH = -0.05;

const intent: MoveIntent = { forward: 0, right: 0, turn: 0 };
const from: FloorPoint = { x: 0, z: 0 };
const to: FloorPoint = { x: 0, z: 0 };

/** Gets up from the current seat (telling the room) onto the nearest free floor. */
export function standUp(): void {
  if (player.seat < 0) return;
  const seat = seatById(player.seat);
  sendToRoom("stand", {});
  player.seat = -1;
  player.eyeHeight = STANDING_EYE_HEIGHT;
  if (seat) findStandingSpot(seat, player);
}

/**
 * Takes a newly assigned interpreter to their place in the booth beside the stage, facing the podium;
 * `index` spreads several interpreters over its places.
 */
export function goToBooth(index: number): void {
  standUp();
  const spot = boothSpot(index);
  player.x = spot.x;
  player.z = spot.z;
  player.eyeHeight = STANDING_EYE_HEIGHT;
  // Three.js yaw turns -z (yaw 0, towards the stage) to -x at a quarter turn: the podium is to the booth's left.
  player.yaw = Math.PI / 2;
  player.pitch = 0;
}

/** Asks the room for a seat; the camera moves there once the room's state says it is ours. */
export function requestSeat(seatId: number): void {
  sendToRoom("sit", { seat: seatId });
}

/** Follows the seat the room gives us: sits down on a new seat, or stands when the room stood us up. */
export function followSeatFromRoom(seatId: number): void {
  if (seatId === player.seat) return;
  const seat = seatById(seatId);
  if (!seat) {
    if (player.seat >= 0) {
      const previous = seatById(player.seat);
      player.seat = -1;
      player.eyeHeight = STANDING_EYE_HEIGHT;
      if (previous) findStandingSpot(previous, player);
    }
    return;
  }
  player.seat = seat.id;
  player.x = seat.x;
  player.z = seat.z;
  player.eyeHeight = SEATED_EYE_HEIGHT;
  player.yaw = seat.yaw;
  player.pitch = SEATED_PITCH;
}

/**
 * Longest single move: collisions are checked at the end of each step, so a slow frame is walked in
 * short steps rather than one leap that could pass through a seat.
 */
const MAX_SUBSTEP_SECONDS = 0.05;

/** Advances the player by `dt` seconds of held keys and pad. */
export function stepPlayer(dt: number): void {
  for (let left = dt; left > 1e-6; left -= MAX_SUBSTEP_SECONDS) step(Math.min(left, MAX_SUBSTEP_SECONDS));
}

function step(dt: number): void {
  readMoveIntent(intent);
  player.yaw += intent.turn * TURN_SPEED * dt;
  let forward = intent.forward;
  let right = intent.right;
  const length = Math.hypot(forward, right);
  if (length < DEAD_ZONE) return;
  if (length > 1) {
    forward /= length;
    right /= length;
  }
  // Walking away from a seat is the natural way to get up.
  if (player.seat >= 0) standUp();
  const sin = Math.sin(player.yaw);
  const cos = Math.cos(player.yaw);
  const step = WALK_SPEED * dt;
  from.x = player.x;
  from.z = player.z;
  resolveWalk(
    from,
    player.x + (-sin * forward + cos * right) * step,
    player.z + (-cos * forward - sin * right) * step,
    to,
  );
  player.x = to.x;
  player.z = to.z;
}
