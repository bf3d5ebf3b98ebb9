import { Canvas } from "@react-three/fiber";
import { lazy, Suspense } from "react";
import { ENTRANCE, STANDING_EYE_HEIGHT } from "../../../shared/hall/hall-geometry.ts";
import type { DeviceKind } from "../../../shared/protocol/roles.ts";
import { TEST_LIGHT_DRAWING, TEST_MODE } from "../app/test-mode.ts";
import { SpatialVoice } from "../voice/SpatialVoice.tsx";
import { useXrPresence } from "../xr/xr-presence.ts";
import { Avatars } from "./Avatars.tsx";
import { FrameProbe } from "./FrameProbe.tsx";
import { HallLighting } from "./HallLighting.tsx";
import { HallShell } from "./HallShell.tsx";
import { IdeasWall } from "./IdeasWall.tsx";
import { LocalPlayer } from "./LocalPlayer.tsx";
import { Seats } from "./Seats.tsx";
import { StageScreen, type StageScreenProps } from "./StageScreen.tsx";
import { TestFrameRate } from "./TestFrameRate.tsx";

// WebXR, the headset's body and its uikit menus are a third of the hall's code: a desktop or phone
// visitor never downloads them, a headset does once someone chooses Enter in VR.
const HallXR = lazy(() => import("../xr/HallXR.tsx"));

export interface HallSceneProps {
  readonly screen: StageScreenProps;
  readonly label: string;
  /** The flat-screen device, announced again when a headset session ends. */
  readonly device: DeviceKind;
  readonly onLeave: () => void;
}

/** The town hall in 3D: architecture, seats, the stage screen, everyone's avatars and our own eyes. */
export function HallScene({ screen, label, device, onLeave }: HallSceneProps) {
  const xrWanted = useXrPresence((state) => state.wanted);
  return (
    <Canvas
      className="hall-canvas"
      role="img"
      aria-label={label}
      // Test pages draw a quarter of the pixels, unsmoothed, at a capped rate (TestFrameRate); a
      // headset session still draws every XR frame.
      dpr={TEST_LIGHT_DRAWING ? 0.5 : [1, 2]}
      frameloop={__PLENUM_TEST_BUILD__ && TEST_LIGHT_DRAWING ? "demand" : "always"}
      // Tests read pixels back from the canvas, which needs the drawing buffer kept after presenting.
      gl={{ antialias: !TEST_LIGHT_DRAWING, preserveDrawingBuffer: TEST_MODE }}
      camera={{ fov: 70, near: 0.05, far: 80, position: [ENTRANCE.x, STANDING_EYE_HEIGHT, ENTRANCE.z] }}
    >
      <color attach="background" args={["#201c18"]} />
      <HallLighting />
      <HallShell />
      <Seats />
      <Suspense fallback={null}>
        <IdeasWall />
      </Suspense>
      <Suspense fallback={null}>
        <StageScreen {...screen} />
      </Suspense>
      <Avatars />
      <SpatialVoice />
      <LocalPlayer />
      {xrWanted && (
        <Suspense fallback={null}>
          <HallXR flatDevice={device} onLeave={onLeave} />
        </Suspense>
      )}
      <FrameProbe />
      {__PLENUM_TEST_BUILD__ && TEST_LIGHT_DRAWING && <TestFrameRate />}
    </Canvas>
  );
}
