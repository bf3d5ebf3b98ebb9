/** The ring that glows around an avatar's head while its voice is heard, shared by every avatar. */
import { MeshStandardMaterial, TorusGeometry } from "three";

export const speakingRingGeometry = new TorusGeometry(0.21, 0.012, 6, 32);
export const speakingRingMaterial = new MeshStandardMaterial({
  color: "#7dffb0",
  emissive: "#2fd17a",
  emissiveIntensity: 1.2,
  roughness: 0.4,
});
/** Below the eyes, about where the mouth is. */
export const SPEAKING_RING_DROP = 0.07;
