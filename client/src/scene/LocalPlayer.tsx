import { useFrame, useThree } from "@react-three/fiber";
import { useEffect } from "react";
import { Euler, Quaternion } from "three";
import { unpackPosition } from "../../../shared/pose/position-codec.ts";
import { unpackQuaternion } from "../../../shared/pose/quaternion-codec.ts";
import { currentRoom } from "../net/hall-connection.ts";
import { selectSelf, useHallStore } from "../net/hall-store.ts";
import { isPresenting } from "../xr/xr-presence.ts";
import { player, resetPlayer } from "./local-player.ts";
import { attachLookDrag } from "./look-drag.ts";
import { listenToKeyboard } from "./player-input.ts";
import { followSeatFromRoom, stepPlayer } from "./player-motion.ts";
import { resetPoseSender, sendPoseIfChanged } from "./pose-sender.ts";

/**
 * Frames longer than this (a tab in the background) are cut short, so returning to the tab does not
 * replay seconds of held keys; slow software rendering still walks at the real pace.
 */
const MAX_STEP_SECONDS = 0.5;

const spawnRotation = new Quaternion();
const spawnEuler = new Euler(0, 0, 0, "YXZ");

/** Starts where the room put our avatar, so the first frame already agrees with what others see. */
function placeFromRoom(): void {
  const self = currentRoom()?.state.participants?.get(useHallStore.getState().selfId);
  const pose = self?.pose;
  if (!self || !pose) return;
  const head = unpackPosition(pose.headPosition, { x: 0, y: 0, z: 0 });
  player.x = head.x;
  player.z = head.z;
  player.eyeHeight = head.y;
  player.yaw = spawnEuler.setFromQuaternion(unpackQuaternion(pose.headRotation, spawnRotation), "YXZ").y;
  player.pitch = 0;
  player.seat = -1;
  followSeatFromRoom(self.seat);
  player.placed = true;
}

/** First-person camera and controls for the person at this screen. */
export function LocalPlayer() {
  const camera = useThree((state) => state.camera);
  const canvas = useThree((state) => state.gl.domElement);

  useEffect(() => {
    resetPlayer();
    resetPoseSender();
    return listenToKeyboard();
  }, []);
  useEffect(() => attachLookDrag(canvas), [canvas]);
  useEffect(
    () =>
      useHallStore.subscribe((state, previous) => {
        const seat = selectSelf(state)?.seat ?? -1;
        if (player.placed && seat !== (selectSelf(previous)?.seat ?? -1)) followSeatFromRoom(seat);
        // Back after a drop or in a new room (a server restart): the room learns where we are at once.
        if (state.status === "connected" && previous.status !== "connected") resetPoseSender();
      }),
    [],
  );

  useFrame((_, delta) => {
    if (!player.placed) placeFromRoom();
    // In a headset the tracked head and the XR rig move the body (client/src/xr).
    if (isPresenting()) return;
    if (player.placed) {
      stepPlayer(Math.min(delta, MAX_STEP_SECONDS));
      sendPoseIfChanged(performance.now());
    }
    camera.position.set(player.x, player.eyeHeight, player.z);
    camera.rotation.set(player.pitch, player.yaw, 0, "YXZ");
  });
  return null;
}
