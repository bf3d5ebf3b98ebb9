import { useLayoutEffect, useMemo, useRef } from "react";
import { BoxGeometry, Color, type InstancedMesh, Matrix4, MeshBasicMaterial } from "three";
import { RESULTS_AREA, type ResultRow } from "./screen-layout.ts";

const TRACK_COLOUR = new Color("#0f2236");
const BAR_COLOUR = new Color("#f2c14e");
const BAR_DEPTH = 0.08;
const TRACK_DEPTH = 0.002;

const matrix = new Matrix4();

export interface ScreenPollBarsProps {
  readonly rows: readonly ResultRow[];
  /** Each bar's length in metres (0 draws only its track). */
  readonly lengths: readonly number[];
}

/**
 * The poll's result bars and the tracks behind them as one instanced box mesh: a single draw call
 * however many answers the poll has.
 */
export function ScreenPollBars({ rows, lengths }: ScreenPollBarsProps) {
  const mesh = useRef<InstancedMesh>(null);
  const geometry = useMemo(() => new BoxGeometry(1, 1, 1), []);
  const material = useMemo(() => new MeshBasicMaterial(), []);
  useLayoutEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );
  const count = rows.length * 2;

  useLayoutEffect(() => {
    const bars = mesh.current;
    if (!bars) return;
    rows.forEach((row, index) => {
      const track = index * 2;
      matrix.makeScale(RESULTS_AREA.barMax, row.height, TRACK_DEPTH);
      matrix.setPosition(RESULTS_AREA.barLeft + RESULTS_AREA.barMax / 2, row.y, 0.006);
      bars.setMatrixAt(track, matrix);
      bars.setColorAt(track, TRACK_COLOUR);
      // A bar of no length collapses to nothing; it keeps its slot so the instance count stays put.
      const length = lengths[index] ?? 0;
      matrix.makeScale(Math.max(length, 1e-6), length > 0 ? row.height : 1e-6, BAR_DEPTH);
      matrix.setPosition(RESULTS_AREA.barLeft + length / 2, row.y, 0.05);
      bars.setMatrixAt(track + 1, matrix);
      bars.setColorAt(track + 1, BAR_COLOUR);
    });
    bars.instanceMatrix.needsUpdate = true;
    if (bars.instanceColor) bars.instanceColor.needsUpdate = true;
    bars.computeBoundingSphere();
  });

  if (count === 0) return null;
  // A new instance count needs a new mesh: the buffers are sized once.
  return <instancedMesh key={count} ref={mesh} args={[geometry, material, count]} />;
}
