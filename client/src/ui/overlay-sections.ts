/**
 * Which of the overlay's folding sections (people present, the consultation, the chat) are open. On a
 * narrow screen they share the little height above the bottom bar, so they behave as an accordion: at
 * most one is open and the rest of the hall stays in view. A wide screen has room for all of them.
 */
export type OverlaySection = "people" | "consultation" | "chat";

export type OpenSections = Readonly<Record<OverlaySection, boolean>>;

export type SectionEvent =
  | { readonly kind: "toggle"; readonly section: OverlaySection; readonly narrow: boolean }
  /** A new poll is open: the consultation unfolds so that nobody misses it. */
  | { readonly kind: "poll-opened"; readonly narrow: boolean };

const ALL_FOLDED: OpenSections = { people: false, consultation: false, chat: false };

/**
 * On entering: on a narrow screen only the consultation (where a poll would be); on a wide one all,
 * except the chat on a phone, whose keyboard would take the screen.
 */
export function initialSections(narrow: boolean, phone: boolean): OpenSections {
  if (narrow) return { ...ALL_FOLDED, consultation: true };
  return { people: true, consultation: true, chat: !phone };
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
