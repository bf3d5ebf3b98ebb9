import { describe, expect, it } from "vitest";
import { loadingProgress } from "../../client/src/ui/loading-steps.ts";

describe("the loading screen's steps", () => {
  it("counts what is really done and names the first step still under way", () => {
    expect(loadingProgress({ code: false, scene: false, room: false })).toEqual({ done: 0, current: "code" });
    expect(loadingProgress({ code: true, scene: false, room: false })).toEqual({ done: 1, current: "scene" });
    // The room is joined beside the drawing: joined first, the drawing is what is left.
    expect(loadingProgress({ code: true, scene: false, room: true })).toEqual({ done: 2, current: "scene" });
    expect(loadingProgress({ code: true, scene: true, room: false })).toEqual({ done: 2, current: "room" });
    expect(loadingProgress({ code: true, scene: true, room: true })).toEqual({ done: 3, current: null });
  });
});
