/**
 * The one WebXR store of the hall: immersive VR on the floor, controller and hand models served by
 * Plenum itself (no CDN), rays and pinches for the 3D menus, and nothing the hall does not use.
 */
import { createXRStore } from "@react-three/xr";
import { HallController, HallHand } from "./xr-input-models.tsx";

export const xrStore = createXRStore({
  // The emulator of @react-three/xr would replace real poses with its own panel's; tests install IWER themselves.
  emulate: false,
  offerSession: false,
  enterGrantedSession: false,
  baseAssetPath: new URL("/xr-profiles/", window.location.href).href,
  frameRate: "high",
  foveation: 1,
  anchors: false,
  meshDetection: false,
  planeDetection: false,
  hitTest: false,
  domOverlay: false,
  layers: false,
  controller: HallController,
  hand: HallHand,
  transientPointer: false,
  gaze: false,
  screenInput: false,
});

export function isPresenting(): boolean {
  return xrStore.getState().session != null;
}
