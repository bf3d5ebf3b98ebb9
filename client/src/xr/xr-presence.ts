/**
 * The headset session as the rest of the hall sees it, without loading WebXR or the headset menus:
 * the session once one runs (set by the hall's XR part, client/src/xr/HallXR.tsx), and whether that
 * part is wanted at all. It is loaded only after someone chooses Enter in VR.
 */
import { create } from "zustand";

export interface XrPresence {
  readonly session: XRSession | null;
  /** Someone chose Enter in VR on this page: the hall loads its XR part and keeps it. */
  readonly wanted: boolean;
  /** Counts sessions asked for, so that the XR part takes over each new one. */
  readonly requests: number;
}

export const useXrPresence = create<XrPresence>()(() => ({ session: null, wanted: false, requests: 0 }));

export function isPresenting(): boolean {
  return useXrPresence.getState().session != null;
}

/** Takes the headset off (ends the session), if one runs. */
export function endXrSession(): void {
  void useXrPresence.getState().session?.end();
}
