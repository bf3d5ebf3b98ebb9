import { XR } from "@react-three/xr";
import { useEffect } from "react";
import type { DeviceKind } from "../../../shared/protocol/roles.ts";
import { ConnectionBanner } from "./ConnectionBanner.tsx";
import { HandMenu } from "./HandMenu.tsx";
import { XRPlayer } from "./XRPlayer.tsx";
import { useXrPresence } from "./xr-presence.ts";
import { xrStore } from "./xr-store.ts";

export interface HallXRProps {
  /** The device to announce again when the headset comes off. */
  readonly flatDevice: DeviceKind;
  readonly onLeave: () => void;
}

/**
 * The hall's headset part, loaded only once someone chooses Enter in VR: the WebXR store, the body in
 * the headset and the floating menus (uikit). It sits beside the scene rather than around it: its
 * pointer rays still reach every object of the scene, and it tells the rest of the hall about the
 * session through `useXrPresence`.
 */
export default function HallXR({ flatDevice, onLeave }: HallXRProps) {
  useEffect(() => {
    const follow = () => {
      const session = xrStore.getState().session ?? null;
      if (useXrPresence.getState().session !== session) useXrPresence.setState({ session });
    };
    follow();
    const unsubscribe = xrStore.subscribe(follow);
    return () => {
      unsubscribe();
      useXrPresence.setState({ session: null });
    };
  }, []);
  return (
    <XR store={xrStore}>
      <XRPlayer flatDevice={flatDevice} />
      <HandMenu onLeave={onLeave} />
      <ConnectionBanner />
    </XR>
  );
}
