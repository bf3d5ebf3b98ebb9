/**
 * Low-bandwidth mode, a choice kept on this device: other people's hands are not drawn and voices use
 * less data (see `voice/voice-quality.ts`).
 */
import { create } from "zustand";

const STORAGE_KEY = "plenum.lowBandwidth";

function load(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === "on";
  } catch {
    return false;
  }
}

export const useLowBandwidth = create<{ readonly on: boolean }>()(() => ({ on: load() }));

export function setLowBandwidth(on: boolean): void {
  useLowBandwidth.setState({ on });
  try {
    localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
  } catch {
    // Without storage the choice lasts for this visit.
  }
}
