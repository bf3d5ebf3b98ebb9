/**
 * Where the poll results go on the big screen: one horizontal bar per option, rows and letters as large
 * as the area allows so that the back row can read them.
 */

/** The results area, in the screen's own coordinates (metres, centre of the screen at 0,0). */
export const RESULTS_AREA = {
  top: 1.1,
  bottom: -0.85,
  labelRight: -1.25,
  /** Labels are right-aligned at `labelRight` and wrap within this width. */
  labelWidth: 3.6,
  barLeft: -1.1,
  barMax: 4.4,
  /** Room right of the longest bar for its count. */
  valueWidth: 0.9,
} as const;

export interface ResultRow {
  readonly y: number;
  readonly height: number;
  readonly fontSize: number;
  /** Distance between row centres: a row's share of the area, gaps included. */
  readonly pitch: number;
}

/** Row centres and letter sizes for `count` bars. */
export function resultRows(count: number): ResultRow[] {
  const span = RESULTS_AREA.top - RESULTS_AREA.bottom;
  const pitch = Math.min(0.66, span / Math.max(1, count));
  const fontSize = Math.min(0.44, pitch * 0.66);
  const height = pitch * 0.72;
  const first = RESULTS_AREA.top - pitch / 2 - (span - pitch * count) / 2;
  return Array.from({ length: count }, (_, index) => ({
    y: first - index * pitch,
    height,
    fontSize,
    pitch,
  }));
}
