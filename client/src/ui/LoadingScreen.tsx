import { useHallStore } from "../net/hall-store.ts";
import { useSceneStatus } from "../scene/scene-status.ts";
import { LoadingSteps } from "./LoadingSteps.tsx";

/** Covers the hall until it is both connected and drawn; its code has arrived, since this is part of it. */
export function LoadingScreen() {
  const status = useHallStore((state) => state.status);
  const drawn = useSceneStatus((state) => state.firstFrameDrawn);
  if (status !== "connecting" && drawn) return null;
  if (status === "failed") return null;
  return <LoadingSteps finished={{ code: true, scene: drawn, room: status !== "connecting" }} />;
}
