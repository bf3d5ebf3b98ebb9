/**
 * The answers of the poll on the big screen as targets for a pointing ray: one row per answer, laid out
 * like the result bars (screen-layout.ts), in the hall's coordinates. The hit test reads this layout,
 * not the meshes that draw it, so the drawing can change without moving the targets.
 */
import { SCREEN } from "../../../shared/hall/hall-geometry.ts";
import { RESULTS_AREA, resultRows } from "./screen-layout.ts";

/** The screen's face, where the rows are drawn (the screen group sits just in front of the wall). */
export const SCREEN_FACE_Z = SCREEN.z + 0.03;

/** The rows' left and right edges: from the longest label to past the longest bar and its count. */
export const ROW_LEFT = RESULTS_AREA.labelRight - RESULTS_AREA.labelWidth;
export const ROW_RIGHT = RESULTS_AREA.barLeft + RESULTS_AREA.barMax + RESULTS_AREA.valueWidth;

/** The area that takes the ray, in the screen's own coordinates (centre and size). */
export const POINTING_AREA = {
  x: (ROW_LEFT + ROW_RIGHT) / 2,
  y: (RESULTS_AREA.top + RESULTS_AREA.bottom) / 2,
  width: ROW_RIGHT - ROW_LEFT,
  height: RESULTS_AREA.top - RESULTS_AREA.bottom,
} as const;

/** The row (0-based) of `count` answer rows at the hall point (x, y) on the screen, or -1 for none. */
export function screenRowAt(count: number, x: number, y: number): number {
  if (x < ROW_LEFT || x > ROW_RIGHT) return -1;
  const localY = y - SCREEN.centerY;
  return resultRows(count).findIndex((row) => Math.abs(localY - row.y) <= row.pitch / 2);
}

/** The centre of row `index` of `count`, in the hall's coordinates, or null when there is no such row. */
export function screenRowCentre(count: number, index: number): { x: number; y: number; z: number } | null {
  const row = resultRows(count)[index];
  if (!row) return null;
  return { x: POINTING_AREA.x, y: SCREEN.centerY + row.y, z: SCREEN_FACE_Z };
}
