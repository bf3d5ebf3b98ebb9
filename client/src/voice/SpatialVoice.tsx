import { useFrame } from "@react-three/fiber";
import { Quaternion, Vector3 } from "three";
import type { Quat, Vec3 } from "../../../shared/voice/spatial-math.ts";
import { HEAD, RENDER_DELAY_MS, samplePose } from "../net/pose-buffer.ts";
import { activeMixer } from "./voice-session.ts";

const cameraPosition = new Vector3();
const cameraRotation = new Quaternion();
const headRotation = new Quaternion();
let sampleTime = 0;

/** A voice comes from where its speaker's head is drawn this frame: the same delayed, interpolated pose. */
function sampleHead(id: string, position: Vec3, rotation: Quat): boolean {
  if (!samplePose(id, sampleTime, HEAD, position, headRotation)) return false;
  rotation.x = headRotation.x;
  rotation.y = headRotation.y;
  rotation.z = headRotation.z;
  rotation.w = headRotation.w;
  return true;
}

/** Inside the 3D scene: every frame, the mixer's listener follows the camera (or headset) and voices follow heads. */
export function SpatialVoice() {
  useFrame(({ camera }) => {
    const mixer = activeMixer();
    if (!mixer) return;
    camera.getWorldPosition(cameraPosition);
    camera.getWorldQuaternion(cameraRotation);
    sampleTime = performance.now() - RENDER_DELAY_MS;
    mixer.follow(cameraPosition, cameraRotation, sampleHead);
  });
  return null;
}
