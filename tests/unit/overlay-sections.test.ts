/**
 * The overlay's folding sections on a computer: in a narrow window an accordion (at most one of people, consultation
 * and chat open), on a wide one each folds on its own; a newly opened poll unfolds the consultation.
 */
import { describe, expect, it } from "vitest";
import {
  initialSections,
  nextSections,
  type OpenSections,
  type OverlaySection,
} from "../../client/src/ui/overlay-sections.ts";

const openOnes = (open: OpenSections) =>
  (Object.keys(open) as OverlaySection[]).filter((section) => open[section]);

describe("the overlay's sections on entering", () => {
  it("opens only the consultation on a narrow screen", () => {
    expect(openOnes(initialSections(true))).toEqual(["consultation"]);
  });

  it("opens all on a wide screen", () => {
    expect(openOnes(initialSections(false))).toEqual(["people", "consultation", "chat"]);
  });
});

describe("on a narrow screen", () => {
  const start = initialSections(true);

  it("folds the others when one opens", () => {
    const chat = nextSections(start, { kind: "toggle", section: "chat", narrow: true });
    expect(openOnes(chat)).toEqual(["chat"]);
    const people = nextSections(chat, { kind: "toggle", section: "people", narrow: true });
    expect(openOnes(people)).toEqual(["people"]);
  });

  it("folds the open one without opening another", () => {
    expect(openOnes(nextSections(start, { kind: "toggle", section: "consultation", narrow: true }))).toEqual(
      [],
    );
  });

  it("unfolds the consultation for a new poll and folds the rest", () => {
    const chat = nextSections(start, { kind: "toggle", section: "chat", narrow: true });
    expect(openOnes(nextSections(chat, { kind: "poll-opened", narrow: true }))).toEqual(["consultation"]);
  });
});

describe("on a wide screen", () => {
  const start = initialSections(false);

  it("folds and unfolds each section on its own", () => {
    const folded = nextSections(start, { kind: "toggle", section: "people", narrow: false });
    expect(openOnes(folded)).toEqual(["consultation", "chat"]);
    const unfolded = nextSections(folded, { kind: "toggle", section: "people", narrow: false });
    expect(openOnes(unfolded)).toEqual(["people", "consultation", "chat"]);
  });

  it("unfolds the consultation for a new poll and leaves the rest as they were", () => {
    const folded = nextSections(start, { kind: "toggle", section: "consultation", narrow: false });
    expect(openOnes(nextSections(folded, { kind: "poll-opened", narrow: false }))).toEqual([
      "people",
      "consultation",
      "chat",
    ]);
  });
});
