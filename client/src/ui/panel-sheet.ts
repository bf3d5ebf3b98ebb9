/**
 * The phone's one bottom sheet for the overlay's panels (people present, the consultation, the chat as
 * tabs): how far it is pulled up and which tab shows. Folded, only its handle and tabs are on the screen
 * and the hall has the rest; half open it leaves the top of the hall for looking around and the move
 * pad below it; full, it takes the space between the title and the bottom bar.
 */
import type { OverlaySection } from "./overlay-sections.ts";

export type SheetSnap = "folded" | "half" | "full";

export interface SheetState {
  readonly snap: SheetSnap;
  readonly tab: OverlaySection;
}

export type SheetEvent =
  /** A tab chosen: it shows, and a folded sheet comes up to show it. */
  | { readonly kind: "tab"; readonly tab: OverlaySection }
  /** The handle pressed: up a step, and from the top back down to folded. */
  | { readonly kind: "cycle" }
  | { readonly kind: "raise" }
  | { readonly kind: "lower" }
  /** The handle let go after a drag, at `height` pixels of panel; `heights` are each snap's. */
  | { readonly kind: "drop"; readonly height: number; readonly heights: Readonly<Record<SheetSnap, number>> }
  /** A new poll is open: the consultation comes up so that nobody misses it. */
  | { readonly kind: "poll-opened" };

const SNAPS: readonly SheetSnap[] = ["folded", "half", "full"];

export const INITIAL_SHEET: SheetState = { snap: "folded", tab: "consultation" };

function step(snap: SheetSnap, by: number): SheetSnap {
  const index = Math.min(SNAPS.length - 1, Math.max(0, SNAPS.indexOf(snap) + by));
  return SNAPS[index] ?? snap;
}

/** The snap whose height is nearest to where the sheet was let go. */
function nearest(height: number, heights: Readonly<Record<SheetSnap, number>>): SheetSnap {
  let best: SheetSnap = "folded";
  for (const snap of SNAPS)
    if (Math.abs(heights[snap] - height) < Math.abs(heights[best] - height)) best = snap;
  return best;
}

export function nextSheet(state: SheetState, event: SheetEvent): SheetState {
  switch (event.kind) {
    case "tab":
      return { tab: event.tab, snap: state.snap === "folded" ? "half" : state.snap };
    case "cycle":
      return { ...state, snap: state.snap === "full" ? "folded" : step(state.snap, 1) };
    case "raise":
      return { ...state, snap: step(state.snap, 1) };
    case "lower":
      return { ...state, snap: step(state.snap, -1) };
    case "drop":
      return { ...state, snap: nearest(event.height, event.heights) };
    case "poll-opened":
      return { tab: "consultation", snap: state.snap === "folded" ? "half" : state.snap };
  }
}
