/**
 * Which of the overlay's folding sections (people present, the consultation, the chat) are open on a
 * computer (a phone has one bottom sheet instead: panel-sheet.ts). In a narrow window they share the
 * little height above the bottom bar, so they behave as an accordion: at most one is open and the rest
 * of the hall stays in view. A wide window has room for all of them.
 */
export type OverlaySection = "people" | "consultation" | "chat";

export type OpenSections = Readonly<Record<OverlaySection, boolean>>;

export type SectionEvent =
  | { readonly kind: "toggle"; readonly section: OverlaySection; readonly narrow: boolean }
  /** A new poll is open: the consultation unfolds so that nobody misses it. */
  | { readonly kind: "poll-opened"; readonly narrow: boolean };

const ALL_FOLDED: OpenSections = { people: false, consultation: false, chat: false };

/** On entering: on a narrow screen only the consultation (where a poll would be); on a wide one all. */
export function initialSections(narrow: boolean): OpenSections {
  return narrow ? { ...ALL_FOLDED, consultation: true } : { people: true, consultation: true, chat: true };
}

function opened(open: OpenSections, section: OverlaySection, narrow: boolean): OpenSections {
  return { ...(narrow ? ALL_FOLDED : open), [section]: true };
}

export function nextSections(open: OpenSections, event: SectionEvent): OpenSections {
  switch (event.kind) {
    case "toggle":
      return open[event.section]
        ? { ...open, [event.section]: false }
        : opened(open, event.section, event.narrow);
    case "poll-opened":
      return opened(open, "consultation", event.narrow);
  }
}
