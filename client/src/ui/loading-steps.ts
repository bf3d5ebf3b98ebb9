/**
 * The way into the hall as the loading screen counts it: the hall's code arrives, then the scene is
 * drawn while the room is joined beside it. Each step is done when it really is, never by a timer.
 */
export type LoadingStep = "code" | "scene" | "room";

export const LOADING_STEPS: readonly LoadingStep[] = ["code", "scene", "room"];

export interface LoadingProgress {
  /** How many steps are done. */
  readonly done: number;
  /** The first step still under way, or null when all are done. */
  readonly current: LoadingStep | null;
}

export function loadingProgress(finished: Readonly<Record<LoadingStep, boolean>>): LoadingProgress {
  return {
    done: LOADING_STEPS.filter((step) => finished[step]).length,
    current: LOADING_STEPS.find((step) => !finished[step]) ?? null,
  };
}
