/** Comfort choices for headset users: how to turn, whether to walk smoothly, and seated play. Kept on this device. */
import { create } from "zustand";

export type TurnMode = "snap30" | "snap45" | "smooth";

export interface XrSettings {
  readonly turn: TurnMode;
  readonly smoothWalk: boolean;
  /** Playing seated in real life: the view is raised to a standing person's eyes by `seatedLift`. */
  readonly seated: boolean;
  readonly seatedLift: number;
}

const STORAGE_KEY = "plenum.xrSettings";
const DEFAULTS: XrSettings = { turn: "snap30", smoothWalk: false, seated: false, seatedLift: 0.45 };
export const SEATED_LIFT_STEP = 0.05;
export const SEATED_LIFT_RANGE = [0, 0.9] as const;

function load(): XrSettings {
  try {
    return { ...DEFAULTS, ...(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}") as Partial<XrSettings>) };
  } catch {
    return DEFAULTS;
  }
}

export const useXrSettings = create<XrSettings>()(load);

export function updateXrSettings(change: Partial<XrSettings>): void {
  useXrSettings.setState(change);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(useXrSettings.getState()));
  } catch {
    // Comfort settings are a convenience; without storage they last for this visit.
  }
}

const TURN_ORDER: readonly TurnMode[] = ["snap30", "snap45", "smooth"];

export function nextTurnMode(mode: TurnMode): TurnMode {
  return TURN_ORDER[(TURN_ORDER.indexOf(mode) + 1) % TURN_ORDER.length] ?? "snap30";
}

export function adjustSeatedLift(direction: 1 | -1): void {
  const [min, max] = SEATED_LIFT_RANGE;
  const lift = useXrSettings.getState().seatedLift + direction * SEATED_LIFT_STEP;
  updateXrSettings({ seatedLift: Math.round(Math.min(max, Math.max(min, lift)) * 100) / 100 });
}
