/**
 * Whether this browser can enter immersive VR, and a session asked for while the click that wants it
 * is still fresh (browsers only grant one inside a user gesture). No three.js here: the join page
 * uses this before the hall's code is loaded.
 */
import { useEffect, useState } from "react";
import { useXrPresence } from "./xr-presence.ts";

/** The features Plenum needs in VR; hand tracking is welcome but not required. */
export const VR_SESSION_INIT: XRSessionInit = {
  requiredFeatures: ["local-floor"],
  optionalFeatures: ["hand-tracking"],
};

export function useImmersiveVrSupported(): boolean {
  const [supported, setSupported] = useState(false);
  useEffect(() => {
    let current = true;
    navigator.xr
      ?.isSessionSupported("immersive-vr")
      .then((yes) => {
        if (current) setSupported(yes);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return supported;
}

let pending: Promise<XRSession | null> | null = null;

/**
 * Starts asking for a VR session now (inside the click), and has the hall load its XR part, which
 * takes the session over once it is drawn.
 */
export function requestVrSessionNow(): void {
  pending = navigator.xr?.requestSession("immersive-vr", VR_SESSION_INIT).catch(() => null) ?? null;
  useXrPresence.setState((state) => ({ wanted: true, requests: state.requests + 1 }));
}

/** The session asked for on the join page, once; null when there was none or it was refused. */
export function takePendingVrSession(): Promise<XRSession | null> | null {
  const session = pending;
  pending = null;
  return session;
}

/** Gives up a session asked for in vain (joining failed after the click). */
export function cancelPendingVrSession(): void {
  void takePendingVrSession()?.then((session) => session?.end());
}
