/**
 * The ideas wall in the hall: which ideas get a sticky note (pinned ones first, then the most upvoted,
 * capped so that the wall stays readable and cheap to draw) and where each note hangs. The wall is the
 * stretch of the left side wall between the stage end and the first window, taken from the hall's geometry.
 */
import { HALL, WINDOWS } from "../../../shared/hall/hall-geometry.ts";

export const WALL_NOTE_CAP = 40;
export const NOTE_SIZE = 0.56;
const NOTE_GAP = 0.1;
const MARGIN = 0.4;

const firstLeftWindow = Math.min(...WINDOWS.filter((w) => w.side < 0).map((w) => w.z - w.width / 2));

/** The wall region on the inner face of the left wall (x is the wall's face, z runs along it). */
export const IDEAS_WALL = {
  x: HALL.minX + 0.03,
  minZ: HALL.minZ + MARGIN,
  maxZ: firstLeftWindow - MARGIN,
  bottom: 1.25,
  top: 5.6,
} as const;

const COLUMNS = Math.floor((IDEAS_WALL.maxZ - IDEAS_WALL.minZ + NOTE_GAP) / (NOTE_SIZE + NOTE_GAP));
const ROWS = Math.floor((IDEAS_WALL.top - IDEAS_WALL.bottom - 0.6 + NOTE_GAP) / (NOTE_SIZE + NOTE_GAP));
/** How many notes fit on the wall at most. */
export const WALL_SLOTS = COLUMNS * ROWS;

export interface WallIdea {
  readonly id: string;
  readonly votes: number;
  readonly pinned: boolean;
  readonly createdAt: number;
}

/** Ideas in wall order: pinned first, then by votes, older first on a tie. */
export function rankIdeas<T extends WallIdea>(ideas: readonly T[]): T[] {
  return [...ideas].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      b.votes - a.votes ||
      a.createdAt - b.createdAt ||
      (a.id < b.id ? -1 : 1),
  );
}

/** The ideas that get a note: the first of `rankIdeas`, as many as the cap and the wall allow. */
export function ideasOnWall<T extends WallIdea>(ideas: readonly T[], cap = WALL_NOTE_CAP): T[] {
  return rankIdeas(ideas).slice(0, Math.min(cap, WALL_SLOTS));
}

/** A note's text: at most `max` characters, cut at a word with an ellipsis. */
export function noteText(text: string, max = 110): string {
  const characters = [...text];
  if (characters.length <= max) return text;
  const cut = characters.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** Centre of the note in wall slot `index` (row by row from the top, starting at the stage end). */
export function noteSlot(index: number): { x: number; y: number; z: number } {
  const column = index % COLUMNS;
  const row = Math.floor(index / COLUMNS);
  const step = NOTE_SIZE + NOTE_GAP;
  return {
    x: IDEAS_WALL.x,
    y: IDEAS_WALL.top - 0.6 - NOTE_SIZE / 2 - row * step,
    z: IDEAS_WALL.minZ + NOTE_SIZE / 2 + column * step,
  };
}
