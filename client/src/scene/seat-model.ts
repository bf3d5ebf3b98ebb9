/** One upholstered seat, its front towards -z like the shared seat layout expects, as a single geometry. */
import { BoxGeometry, type BufferGeometry } from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import { SEAT_SIZE } from "../../../shared/hall/hall-geometry.ts";

export function buildSeatGeometry(): BufferGeometry {
  const { width, depth, height } = SEAT_SIZE;
  const cushion = new BoxGeometry(width, 0.1, depth * 0.9).translate(0, height - 0.05, -0.02);
  const back = new BoxGeometry(width, 0.5, 0.08).rotateX(-0.12).translate(0, height + 0.26, depth / 2 - 0.06);
  const base = new BoxGeometry(width * 0.5, height - 0.1, depth * 0.4).translate(0, (height - 0.1) / 2, 0.02);
  const armLeft = new BoxGeometry(0.05, 0.22, depth * 0.85).translate(-width / 2 + 0.025, height + 0.1, 0);
  const armRight = new BoxGeometry(0.05, 0.22, depth * 0.85).translate(width / 2 - 0.025, height + 0.1, 0);
  const parts = [cushion, back, base, armLeft, armRight];
  const merged = mergeGeometries(parts);
  for (const part of parts) part.dispose();
  if (!merged) throw new Error("The seat parts could not be merged.");
  return merged;
}
