/**
 * Geometry and the materials every avatar shares; only the body colour differs between people. A full
 * hall draws 300 of each part, so the meshes are kept low in triangles (about 1,000 per avatar).
 */
import { BoxGeometry, CapsuleGeometry, MeshStandardMaterial, SphereGeometry, TorusGeometry } from "three";

export const HEAD_RADIUS = 0.16;
export const TORSO_RADIUS = 0.19;
export const TORSO_LENGTH = 0.5;
/** From the eyes down to the top of the torso. */
export const NECK_DROP = 0.24;
export const LABEL_HEIGHT = 0.46;
export const HALO_HEIGHT = 0.25;

export const headGeometry = new SphereGeometry(HEAD_RADIUS, 16, 12);
export const visorGeometry = new BoxGeometry(0.24, 0.085, 0.09);
export const eyeGeometry = new SphereGeometry(0.022, 6, 4);
export const torsoGeometry = new CapsuleGeometry(TORSO_RADIUS, TORSO_LENGTH, 4, 12);
export const handGeometry = new SphereGeometry(0.06, 8, 6);
export const haloGeometry = new TorusGeometry(0.14, 0.018, 6, 24);

export const visorMaterial = new MeshStandardMaterial({ color: "#1d2330", roughness: 0.25, metalness: 0.4 });
export const eyeMaterial = new MeshStandardMaterial({
  color: "#ffffff",
  emissive: "#bfe3ff",
  emissiveIntensity: 0.8,
});
export const goldMaterial = new MeshStandardMaterial({
  color: "#f2c14e",
  emissive: "#a8741a",
  emissiveIntensity: 0.6,
  metalness: 0.7,
  roughness: 0.3,
});
