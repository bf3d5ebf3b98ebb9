import { useCallback, useEffect, useReducer } from "react";
import type { DeviceKind } from "../../../shared/protocol/roles.ts";
import { selectActivePoll, useConsultation } from "../net/consultation-store.ts";
import { initialSections, nextSections, type OpenSections, type OverlaySection } from "./overlay-sections.ts";

/** The width below which the overlay stacks its panels in one column (as the style sheet does). */
const NARROW_SCREEN = "(max-width: 640px)";

const isNarrow = () => window.matchMedia(NARROW_SCREEN).matches;

/** The overlay's open sections and a way to fold or unfold one; a newly opened poll unfolds its panel. */
export function useOverlaySections(device: DeviceKind): {
  readonly open: OpenSections;
  readonly toggle: (section: OverlaySection) => void;
} {
  const [open, dispatch] = useReducer(nextSections, device, (kind) =>
    initialSections(isNarrow(), kind === "phone"),
  );
  const openPollId = useConsultation((state) => {
    const poll = selectActivePoll(state);
    return poll?.status === "open" ? poll.id : undefined;
  });
  useEffect(() => {
    if (openPollId !== undefined) dispatch({ kind: "poll-opened", narrow: isNarrow() });
  }, [openPollId]);
  const toggle = useCallback(
    (section: OverlaySection) => dispatch({ kind: "toggle", section, narrow: isNarrow() }),
    [],
  );
  return { open, toggle };
}
