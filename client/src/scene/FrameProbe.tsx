import { useFrame, useThree } from "@react-three/fiber";
import { useEffect } from "react";
import { setSceneRenderer, useSceneStatus } from "./scene-status.ts";

/** Notices the first drawn frame, so the loading screen can lift once there is a hall to show. */
export function FrameProbe() {
  const gl = useThree((state) => state.gl);
  useEffect(() => {
    setSceneRenderer(gl);
    return () => {
      setSceneRenderer(null);
      useSceneStatus.setState({ firstFrameDrawn: false });
    };
  }, [gl]);
  // Runs after the frame's render (positive priority would take over rendering, so check next frame).
  useFrame(() => {
    if (!useSceneStatus.getState().firstFrameDrawn && gl.info.render.frame > 0) {
      useSceneStatus.setState({ firstFrameDrawn: true });
    }
  });
  return null;
}
