/**
 * The hall's static architecture, built once from the shared geometry and merged into one mesh per
 * surface material, so the whole room costs about a dozen draw calls.
 */
import { BoxGeometry, type BufferGeometry, CylinderGeometry, PlaneGeometry, RingGeometry } from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import {
  AISLE_ANGLES,
  AISLE_HALF_WIDTH,
  HALL,
  INTERPRETER_BOOTH,
  PODIUM,
  ROW_FOCUS,
  ROW_RADII,
  SCREEN,
  STAGE,
  WINDOWS,
} from "../../../shared/hall/hall-geometry.ts";

export type Surface =
  | "floor"
  | "carpet"
  | "runner"
  | "plaster"
  | "panelling"
  | "trim"
  | "ceiling"
  | "beam"
  | "stage"
  | "backdrop"
  | "brass"
  | "glass"
  | "frame"
  | "lamp";

const WALL_THICKNESS = 0.3;
const WAINSCOT_HEIGHT = 1.1;
const ROW_END_DEGREES = 55;
const DEG = Math.PI / 180;

function box(
  width: number,
  height: number,
  depth: number,
  x: number,
  y: number,
  z: number,
  yaw = 0,
): BufferGeometry {
  const geometry = new BoxGeometry(width, height, depth);
  if (yaw !== 0) geometry.rotateY(yaw);
  return geometry.translate(x, y, z);
}

/** A horizontal sector of a ring around the rows' focus, `angle` measured from the hall's long axis. */
function floorSector(
  inner: number,
  outer: number,
  fromAngle: number,
  toAngle: number,
  y: number,
): BufferGeometry {
  // RingGeometry lies in the xy plane; after turning it flat, its angle θ maps to our angle θ + 90°.
  const geometry = new RingGeometry(inner, outer, 64, 1, fromAngle - Math.PI / 2, toAngle - fromAngle);
  geometry.rotateX(-Math.PI / 2);
  return geometry.translate(ROW_FOCUS.x, y, ROW_FOCUS.z);
}

function floorAndCarpets(parts: Record<Surface, BufferGeometry[]>): void {
  const width = HALL.maxX - HALL.minX;
  const depth = HALL.maxZ - HALL.minZ;
  parts.floor.push(
    new PlaneGeometry(width, depth)
      .rotateX(-Math.PI / 2)
      .translate((HALL.minX + HALL.maxX) / 2, 0, (HALL.minZ + HALL.maxZ) / 2),
  );
  const inner = (ROW_RADII[0] ?? 6) - 0.7;
  const outer = (ROW_RADII[ROW_RADII.length - 1] ?? 16) + 0.6;
  parts.carpet.push(floorSector(inner, outer, -ROW_END_DEGREES * DEG, ROW_END_DEGREES * DEG, 0.004));
  for (const angle of AISLE_ANGLES) {
    const half = (AISLE_HALF_WIDTH - 0.1) / ((inner + outer) / 2);
    parts.runner.push(floorSector(inner, outer, angle - half, angle + half, 0.008));
  }
  // A runner from the entrance doors to the centre of the rows.
  const runnerStart = ROW_FOCUS.z + outer;
  parts.runner.push(
    new PlaneGeometry(1.6, HALL.maxZ - runnerStart)
      .rotateX(-Math.PI / 2)
      .translate(0, 0.008, (HALL.maxZ + runnerStart) / 2),
  );
}

function walls(parts: Record<Surface, BufferGeometry[]>): void {
  const { minX, maxX, minZ, maxZ, height } = HALL;
  const t = WALL_THICKNESS;
  const width = maxX - minX + 2 * t;
  const depth = maxZ - minZ;
  const cx = (minX + maxX) / 2;
  const cz = (minZ + maxZ) / 2;
  parts.plaster.push(
    box(t, height, depth, minX - t / 2, height / 2, cz),
    box(t, height, depth, maxX + t / 2, height / 2, cz),
    box(width, height, t, cx, height / 2, minZ - t / 2),
    box(width, height, t, cx, height / 2, maxZ + t / 2),
  );
  // Wood panelling along the lower walls, with a rail on top and a skirting at the floor.
  const panel = 0.05;
  for (const side of [-1, 1] as const) {
    const x = side < 0 ? minX + panel / 2 : maxX - panel / 2;
    parts.panelling.push(box(panel, WAINSCOT_HEIGHT, depth, x, WAINSCOT_HEIGHT / 2, cz));
    parts.trim.push(
      box(panel * 2, 0.06, depth, x, WAINSCOT_HEIGHT, cz),
      box(panel * 2, 0.12, depth, x, 0.06, cz),
    );
  }
  parts.panelling.push(box(maxX - minX, WAINSCOT_HEIGHT, panel, cx, WAINSCOT_HEIGHT / 2, maxZ - panel / 2));
  parts.trim.push(box(maxX - minX, 0.06, panel * 2, cx, WAINSCOT_HEIGHT, maxZ - panel));
  // Pilasters between the windows give the long walls a rhythm.
  for (const side of [-1, 1] as const) {
    const x = side < 0 ? minX + 0.12 : maxX - 0.12;
    for (let z = -6.5; z <= maxZ - 1; z += 5) parts.trim.push(box(0.24, height, 0.5, x, height / 2, z));
  }
  // A cornice where the walls meet the ceiling.
  parts.trim.push(
    box(0.3, 0.25, depth, minX + 0.15, height - 0.125, cz),
    box(0.3, 0.25, depth, maxX - 0.15, height - 0.125, cz),
    box(maxX - minX, 0.25, 0.3, cx, height - 0.125, maxZ - 0.15),
    box(maxX - minX, 0.25, 0.3, cx, height - 0.125, minZ + 0.15),
  );
  // Double doors at the entrance, behind the spawn area.
  parts.beam.push(box(3.2, 2.7, 0.06, 0, 1.35, maxZ - 0.06));
  parts.frame.push(box(0.06, 2.6, 0.08, 0, 1.3, maxZ - 0.1));
  parts.brass.push(
    box(0.04, 0.3, 0.06, -0.15, 1.1, maxZ - 0.13),
    box(0.04, 0.3, 0.06, 0.15, 1.1, maxZ - 0.13),
  );
  parts.trim.push(box(3.6, 0.2, 0.12, 0, 2.8, maxZ - 0.06));
}

function windows(parts: Record<Surface, BufferGeometry[]>): void {
  for (const opening of WINDOWS) {
    const wallX = opening.side < 0 ? HALL.minX : HALL.maxX;
    const inward = -opening.side;
    const centreY = opening.sill + opening.height / 2;
    const pane = new PlaneGeometry(opening.width, opening.height).rotateY((inward * Math.PI) / 2);
    parts.glass.push(pane.translate(wallX + inward * 0.02, centreY, opening.z));
    const x = wallX + inward * 0.06;
    const bar = 0.08;
    parts.frame.push(
      box(0.1, opening.height + bar, bar, x, centreY, opening.z - opening.width / 2),
      box(0.1, opening.height + bar, bar, x, centreY, opening.z + opening.width / 2),
      box(0.1, bar, opening.width, x, opening.sill + opening.height, opening.z),
      box(0.1, bar * 0.6, opening.width, x, opening.sill + opening.height * 0.72, opening.z),
      box(0.1, opening.height, bar * 0.6, x, centreY, opening.z),
    );
    parts.trim.push(
      box(0.22, 0.08, opening.width + 0.3, wallX + inward * 0.11, opening.sill - 0.04, opening.z),
    );
  }
}

function ceiling(parts: Record<Surface, BufferGeometry[]>): void {
  const { minX, maxX, minZ, maxZ, height } = HALL;
  const cx = (minX + maxX) / 2;
  const cz = (minZ + maxZ) / 2;
  parts.ceiling.push(
    new PlaneGeometry(maxX - minX, maxZ - minZ).rotateX(Math.PI / 2).translate(cx, height, cz),
  );
  for (let z = minZ + 2; z < maxZ - 1; z += 4)
    parts.beam.push(box(maxX - minX, 0.45, 0.35, cx, height - 0.225, z));
  parts.beam.push(box(0.35, 0.3, maxZ - minZ, cx, height - 0.15, cz));
  // Round pendant lamps between the beams, in two lines over the seating.
  for (let z = minZ + 4; z < maxZ - 1; z += 4) {
    for (const x of [-7, 0, 7]) {
      parts.lamp.push(new CylinderGeometry(0.45, 0.45, 0.08, 24).translate(x, height - 0.5, z));
      parts.frame.push(new CylinderGeometry(0.015, 0.015, 0.45, 6).translate(x, height - 0.23, z));
    }
  }
}

function stage(parts: Record<Surface, BufferGeometry[]>): void {
  const width = STAGE.maxX - STAGE.minX;
  const depth = STAGE.maxZ - STAGE.minZ;
  const cx = (STAGE.minX + STAGE.maxX) / 2;
  const cz = (STAGE.minZ + STAGE.maxZ) / 2;
  parts.stage.push(box(width, STAGE.height, depth, cx, STAGE.height / 2, cz));
  parts.brass.push(box(width + 0.02, 0.05, 0.05, cx, STAGE.height - 0.02, STAGE.maxZ));
  parts.carpet.push(box(width - 1, 0.01, depth - 1.2, cx, STAGE.height + 0.005, cz - 0.3));
  // The podium: a lectern with a sloped reading board and a brass edge.
  const top = STAGE.height + PODIUM.height;
  parts.beam.push(
    box(PODIUM.width, PODIUM.height, PODIUM.depth, PODIUM.x, STAGE.height + PODIUM.height / 2, PODIUM.z),
  );
  const board = new BoxGeometry(PODIUM.width + 0.1, 0.05, PODIUM.depth + 0.1).rotateX(-0.25);
  parts.beam.push(board.translate(PODIUM.x, top + 0.03, PODIUM.z));
  parts.brass.push(
    box(PODIUM.width * 0.6, 0.05, 0.02, PODIUM.x, top - 0.35, PODIUM.z + PODIUM.depth / 2 + 0.01),
  );
  // A fabric-covered wall behind the stage frames the screen and the speaker.
  parts.backdrop.push(
    box(width + 1, HALL.height - 1.2, 0.06, cx, STAGE.height + (HALL.height - 1.2) / 2, HALL.minZ + 0.03),
  );
  // The screen's frame on the back wall.
  parts.frame.push(box(SCREEN.width + 0.4, SCREEN.height + 0.4, 0.08, 0, SCREEN.centerY, SCREEN.z - 0.02));
}

/** The interpreters' booth beside the stage: a back panel, glass sides and roof, and a desk at the open front. */
function booth(parts: Record<Surface, BufferGeometry[]>): void {
  const { minX, maxX, minZ, maxZ, height } = INTERPRETER_BOOTH;
  const width = maxX - minX;
  const depth = maxZ - minZ;
  const cx = (minX + maxX) / 2;
  const cz = (minZ + maxZ) / 2;
  parts.panelling.push(box(width, height, 0.06, cx, height / 2, minZ + 0.03));
  for (const x of [minX, maxX]) parts.glass.push(box(0.03, height - 0.2, depth, x, height / 2, cz));
  parts.glass.push(box(width, 0.03, depth, cx, height, cz));
  for (const x of [minX, maxX]) parts.frame.push(box(0.08, height, 0.08, x, height / 2, maxZ));
  parts.frame.push(box(width, 0.08, 0.08, cx, height, maxZ));
  parts.beam.push(box(width - 0.3, 0.06, 0.6, cx, 0.75, maxZ - 0.45));
}

export function buildHallShell(): Map<Surface, BufferGeometry> {
  const parts: Record<Surface, BufferGeometry[]> = {
    floor: [],
    carpet: [],
    runner: [],
    plaster: [],
    panelling: [],
    trim: [],
    ceiling: [],
    beam: [],
    stage: [],
    backdrop: [],
    brass: [],
    glass: [],
    frame: [],
    lamp: [],
  };
  floorAndCarpets(parts);
  walls(parts);
  windows(parts);
  ceiling(parts);
  stage(parts);
  booth(parts);
  const merged = new Map<Surface, BufferGeometry>();
  for (const [surface, geometries] of Object.entries(parts) as [Surface, BufferGeometry[]][]) {
    if (geometries.length === 0) continue;
    const geometry = mergeGeometries(geometries);
    if (!geometry) throw new Error(`The hall's ${surface} parts could not be merged.`);
    merged.set(surface, geometry);
    for (const part of geometries) part.dispose();
  }
  return merged;
}
