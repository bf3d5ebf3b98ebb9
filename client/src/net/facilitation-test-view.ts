/** A plain snapshot of the facilitation state for the `?test=1` hook (see app/test-hook.ts). */
import { useFacilitation } from "./facilitation-store.ts";
import { selectSelf, useHallStore } from "./hall-store.ts";

export interface FacilitationView {
  readonly view: "hall" | "console";
  readonly mode: string;
  readonly locked: boolean;
  readonly queue: string[];
  readonly floor: { holderId: string; endsAt: number; graceMs: number };
  readonly now: number;
  readonly reports: { aboutId: string; fromId: string; reason: string }[];
  readonly self: {
    handRaised: boolean;
    hasFloor: boolean;
    mutedByFacilitator: boolean;
    canSpeak: boolean;
  } | null;
}

export function facilitationView(): FacilitationView {
  const state = useFacilitation.getState();
  const self = selectSelf(useHallStore.getState());
  return {
    view: state.view,
    mode: state.mode,
    locked: state.locked,
    queue: [...state.queue],
    floor: { ...state.floor },
    now: Date.now(),
    reports: state.reports.map(({ aboutId, fromId, reason }) => ({ aboutId, fromId, reason })),
    self: self
      ? {
          handRaised: self.handRaised,
          hasFloor: self.hasFloor,
          mutedByFacilitator: self.mutedByFacilitator,
          canSpeak: self.canSpeak,
        }
      : null,
  };
}
