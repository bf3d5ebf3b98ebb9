/** The hand menu's buttons by name, so the test hook can tell an emulated controller where to point. */
import type { Object3D } from "three";

export const menuTargets = new Map<string, Object3D>();

/** The button a ray or finger points at now, by name ("" for none). */
export const menuHover = { name: "", pressed: "" };
