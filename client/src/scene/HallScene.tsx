import { Canvas } from "@react-three/fiber";
import { XR } from "@react-three/xr";
import { Suspense } from "react";
import { ENTRANCE, STANDING_EYE_HEIGHT } from "../../../shared/hall/hall-geometry.ts";
import type { DeviceKind } from "../../../shared/protocol/roles.ts";
import { TEST_LIGHT_DRAWING, TEST_MODE } from "../app/test-mode.ts";
import { SpatialVoice } from "../voice/SpatialVoice.tsx";
import { ConnectionBanner } from "../xr/ConnectionBanner.tsx";
import { HandMenu } from "../xr/HandMenu.tsx";
import { XRPlayer } from "../xr/XRPlayer.tsx";
import { xrStore } from "../xr/xr-store.ts";
import { Avatars } from "./Avatars.tsx";
import { FrameProbe } from "./FrameProbe.tsx";
import { HallLighting } from "./HallLighting.tsx";
import { HallShell } from "./HallShell.tsx";
import { IdeasWall } from "./IdeasWall.tsx";
import { LocalPlayer } from "./LocalPlayer.tsx";
import { Seats } from "./Seats.tsx";
import { StageScreen, type StageScreenProps } from "./StageScreen.tsx";
import { TestFrameRate } from "./TestFrameRate.tsx";

export interface HallSceneProps {
  readonly screen: StageScreenProps;
  readonly label: string;
  /** The flat-screen device, announced again when a headset session ends. */
  readonly device: DeviceKind;
  readonly onLeave: () => void;
}

/** The town hall in 3D: architecture, seats, the stage screen, everyone's avatars and our own eyes. */
export function HallScene({ screen, label, device, onLeave }: HallSceneProps) {
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
      <XR store={xrStore}>
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
        <XRPlayer flatDevice={device} />
        <HandMenu onLeave={onLeave} />
        <ConnectionBanner />
        <FrameProbe />
        {__PLENUM_TEST_BUILD__ && TEST_LIGHT_DRAWING && <TestFrameRate />}
      </XR>
    </Canvas>
  );
}
