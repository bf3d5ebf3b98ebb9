/** Whether the scene has drawn, and what the last frame cost; read by the loading screen and the test hook. */
import type { WebGLRenderer } from "three";
import { create } from "zustand";

export const useSceneStatus = create<{ readonly firstFrameDrawn: boolean }>()(() => ({
  firstFrameDrawn: false,
}));

let renderer: WebGLRenderer | null = null;

export function setSceneRenderer(next: WebGLRenderer | null): void {
  renderer = next;
}

/** Draw calls and triangles of the last frame (three resets its counters every frame). */
export function lastFrameCost(): { calls: number; triangles: number } {
  const info = renderer?.info.render;
  return { calls: info?.calls ?? 0, triangles: info?.triangles ?? 0 };
}
