import { useFrame, useThree } from "@react-three/fiber";
import { useXR, XROrigin } from "@react-three/xr";
import { useEffect, useRef } from "react";
import type { Group } from "three";
import { seatById } from "../../../shared/hall/hall-geometry.ts";
import type { DeviceKind } from "../../../shared/protocol/roles.ts";
import { sendToRoom } from "../net/hall-connection.ts";
import { selectSelf, useHallStore } from "../net/hall-store.ts";
import { ComfortVignette } from "./ComfortVignette.tsx";
import { TeleportArc } from "./TeleportArc.tsx";
import { takePendingVrSession } from "./vr-support.ts";
import { followSeat, locomotion, stepXrFrame } from "./xr-frame.ts";
import { useXrPresence } from "./xr-presence.ts";
import { rig } from "./xr-rig.ts";

export interface XRPlayerProps {
  /** The device to announce again when the headset comes off. */
  readonly flatDevice: DeviceKind;
}

/** The person in a headset: the tracking origin placed in the hall, locomotion, and their body sent to the room. */
export function XRPlayer({ flatDevice }: XRPlayerProps) {
  const gl = useThree((state) => state.gl);
  const origin = useRef<Group>(null);
  const session = useXR((state) => state.session);
  const requests = useXrPresence((state) => state.requests);

  // A session asked for inside a click (on the join page or the hall's VR button) is taken over as soon
  // as this part of the hall is drawn.
  useEffect(() => {
    void requests;
    void takePendingVrSession()?.then((pending) => {
      if (pending) void gl.xr.setSession(pending);
    });
  }, [gl, requests]);

  useEffect(() => {
    if (!session) return;
    rig.placed = false;
    locomotion.aiming = false;
    locomotion.menuOpen = false;
    sendToRoom("device", { kind: "headset" });
    // A session taken over from the join page can start before the room is joined (or rejoined): tell it then.
    const unsubscribe = useHallStore.subscribe((state, previous) => {
      if (state.status === "connected" && previous.status !== "connected")
        sendToRoom("device", { kind: "headset" });
    });
    return () => {
      unsubscribe();
      sendToRoom("device", { kind: flatDevice });
    };
  }, [session, flatDevice]);

  useEffect(
    () =>
      useHallStore.subscribe((state, previous) => {
        if (!session || !rig.placed) return;
        const seat = selectSelf(state)?.seat ?? -1;
        if (seat !== (selectSelf(previous)?.seat ?? -1)) followSeat(seat, seatById(seat));
      }),
    [session],
  );

  useFrame((_, delta, frame?: XRFrame) => {
    const reference = gl.xr.getReferenceSpace();
    if (!session || !frame || !reference) return;
    if (!stepXrFrame(frame, reference, Math.min(delta, 0.1), performance.now())) return;
    const group = origin.current;
    if (!group) return;
    group.position.set(rig.x, rig.y, rig.z);
    group.rotation.set(0, rig.yaw, 0);
  }, -500);

  return (
    <>
      <XROrigin ref={origin} />
      {session && <TeleportArc />}
      {session && <ComfortVignette />}
    </>
  );
}
