/** Per-device voice preferences, remembered in this browser: panning quality and push-to-talk. */
import { create } from "zustand";

/** HRTF sounds most natural; equal-power panning costs far less on phones and standalone headsets. */
export type PanningQuality = "hrtf" | "equalpower";

export interface VoiceSettings {
  readonly panning: PanningQuality;
  /** Hold Space (or the hand-menu button) to talk instead of toggling the microphone. */
  readonly pushToTalk: boolean;
}

const STORAGE_KEY = "plenum.voice";

function defaults(): VoiceSettings {
  // Android phones and standalone headsets (Quest runs Android) get the cheaper panning by default.
  const lowPower = /Android|OculusBrowser|Quest/i.test(navigator.userAgent);
  return { panning: lowPower ? "equalpower" : "hrtf", pushToTalk: false };
}

function load(): VoiceSettings {
  const fallback = defaults();
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Partial<VoiceSettings> | null;
    return {
      panning: raw?.panning === "hrtf" || raw?.panning === "equalpower" ? raw.panning : fallback.panning,
      pushToTalk: typeof raw?.pushToTalk === "boolean" ? raw.pushToTalk : fallback.pushToTalk,
    };
  } catch {
    return fallback;
  }
}

export const useVoiceSettings = create<VoiceSettings>()(load);

export function updateVoiceSettings(change: Partial<VoiceSettings>): void {
  useVoiceSettings.setState(change);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(useVoiceSettings.getState()));
  } catch {
    // Remembering is a convenience.
  }
}
