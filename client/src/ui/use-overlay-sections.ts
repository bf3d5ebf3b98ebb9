import { useCallback, useReducer } from "react";
import { initialSections, nextSections, type OpenSections, type OverlaySection } from "./overlay-sections.ts";
import { usePollOpened } from "./use-poll-opened.ts";

/** The width below which the overlay stacks its panels in one column (as the style sheet does). */
const NARROW_SCREEN = "(max-width: 640px)";

const isNarrow = () => window.matchMedia(NARROW_SCREEN).matches;

/** The overlay's open sections and a way to fold or unfold one; a newly opened poll unfolds its panel. */
export function useOverlaySections(): {
  readonly open: OpenSections;
  readonly toggle: (section: OverlaySection) => void;
} {
  const [open, dispatch] = useReducer(nextSections, undefined, () => initialSections(isNarrow()));
  usePollOpened(useCallback(() => dispatch({ kind: "poll-opened", narrow: isNarrow() }), []));
  const toggle = useCallback(
    (section: OverlaySection) => dispatch({ kind: "toggle", section, narrow: isNarrow() }),
    [],
  );
  return { open, toggle };
}
