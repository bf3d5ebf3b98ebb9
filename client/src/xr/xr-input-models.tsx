/**
 * Controllers and hands whose 3D model may fail to load. The models are fetched when the headset first
 * reports its controllers; if the network drops just then, the loader's error would unmount the whole
 * hall. Instead the controller or hand goes on without its model: its ray still points and selects.
 */
import { DefaultXRController, DefaultXRHand } from "@react-three/xr";
import { ErrorBoundary } from "react-error-boundary";

const CONTROLLER = { teleportPointer: false, grabPointer: false } as const;
const HAND = { teleportPointer: false, grabPointer: false } as const;

export function HallController() {
  return (
    <ErrorBoundary fallback={<DefaultXRController {...CONTROLLER} model={false} />}>
      <DefaultXRController {...CONTROLLER} />
    </ErrorBoundary>
  );
}

export function HallHand() {
  return (
    <ErrorBoundary fallback={<DefaultXRHand {...HAND} model={false} />}>
      <DefaultXRHand {...HAND} />
    </ErrorBoundary>
  );
}
