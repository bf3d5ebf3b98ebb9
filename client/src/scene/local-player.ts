/**
 * The person at this screen: where they stand, where they look and whether they sit. Plain numbers
 * read and written every frame by the controls, the camera, the pose sender and the test hook.
 */
import { ENTRANCE, STANDING_EYE_HEIGHT } from "../../../shared/hall/hall-geometry.ts";

export interface LocalPlayerState {
  x: number;
  z: number;
  eyeHeight: number;
  /** Rotation about y as three.js uses it: 0 looks towards the stage (-z). */
  yaw: number;
  /** Up (positive) or down (negative) from the horizon, in radians. */
  pitch: number;
  /** Seat id, or -1 when standing. */
  seat: number;
  /** False until the first pose is taken from the room, which spawned the avatar. */
  placed: boolean;
}

export const player: LocalPlayerState = {
  x: ENTRANCE.x,
  z: ENTRANCE.z,
  eyeHeight: STANDING_EYE_HEIGHT,
  yaw: 0,
  pitch: 0,
  seat: -1,
  placed: false,
};

export const MAX_PITCH = 1.3;

export function resetPlayer(): void {
  Object.assign(player, {
    x: ENTRANCE.x,
    z: ENTRANCE.z,
    eyeHeight: STANDING_EYE_HEIGHT,
    yaw: 0,
    pitch: 0,
    seat: -1,
    placed: false,
  });
}
