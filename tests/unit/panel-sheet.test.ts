/**
 * The phone's bottom sheet: it starts folded, a tab brings a folded sheet up to half, the handle steps
 * it up and down (and cycles when pressed), a drag lands on the nearest height, and a new poll brings
 * the consultation up without pulling a full sheet down.
 */
import { describe, expect, it } from "vitest";
import { INITIAL_SHEET, nextSheet, type SheetState } from "../../client/src/ui/panel-sheet.ts";

const HEIGHTS = { folded: 0, half: 320, full: 560 };

describe("the phone's panel sheet", () => {
  it("starts folded, on the consultation", () => {
    expect(INITIAL_SHEET).toEqual({ snap: "folded", tab: "consultation" });
  });

  it("comes up to half when a tab is chosen while folded, and keeps its height otherwise", () => {
    const chat = nextSheet(INITIAL_SHEET, { kind: "tab", tab: "chat" });
    expect(chat).toEqual({ snap: "half", tab: "chat" });
    const full: SheetState = { snap: "full", tab: "chat" };
    expect(nextSheet(full, { kind: "tab", tab: "people" })).toEqual({ snap: "full", tab: "people" });
  });

  it("cycles folded, half, full and back to folded when the handle is pressed", () => {
    const snaps = [INITIAL_SHEET];
    for (let i = 0; i < 3; i++) snaps.push(nextSheet(snaps.at(-1) ?? INITIAL_SHEET, { kind: "cycle" }));
    expect(snaps.map((state) => state.snap)).toEqual(["folded", "half", "full", "folded"]);
  });

  it("steps up and down with the arrow keys, stopping at either end", () => {
    const up = nextSheet(nextSheet(nextSheet(INITIAL_SHEET, { kind: "raise" }), { kind: "raise" }), {
      kind: "raise",
    });
    expect(up.snap).toBe("full");
    const down = nextSheet(nextSheet(nextSheet(up, { kind: "lower" }), { kind: "lower" }), { kind: "lower" });
    expect(down.snap).toBe("folded");
  });

  it("lands a drag on the nearest height", () => {
    const drop = (height: number) =>
      nextSheet(INITIAL_SHEET, { kind: "drop", height, heights: HEIGHTS }).snap;
    expect(drop(100)).toBe("folded");
    expect(drop(200)).toBe("half");
    expect(drop(450)).toBe("full");
    expect(drop(900)).toBe("full");
  });

  it("brings a new poll up on the consultation tab, and never lowers the sheet for it", () => {
    const chat: SheetState = { snap: "folded", tab: "chat" };
    expect(nextSheet(chat, { kind: "poll-opened" })).toEqual({ snap: "half", tab: "consultation" });
    expect(nextSheet({ snap: "full", tab: "chat" }, { kind: "poll-opened" })).toEqual({
      snap: "full",
      tab: "consultation",
    });
  });
});
