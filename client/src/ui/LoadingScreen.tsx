import { useProgress } from "@react-three/drei";
import { useT } from "../app/i18n.tsx";
import { useHallStore } from "../net/hall-store.ts";
import { useSceneStatus } from "../scene/scene-status.ts";

/** Covers the hall until it is both connected and drawn, saying which of the two is still under way. */
export function LoadingScreen() {
  const t = useT();
  const status = useHallStore((state) => state.status);
  const drawn = useSceneStatus((state) => state.firstFrameDrawn);
  const { active, progress } = useProgress();
  if (status !== "connecting" && drawn) return null;
  if (status === "failed") return null;
  // Building the scene and joining the room run side by side; each is half of the bar.
  const sceneShare = drawn ? 50 : active ? progress / 2 : 25;
  const percent = Math.round(sceneShare + (status === "connecting" ? 0 : 50));
  const text = drawn ? t("loading.connecting") : t("loading.hall", { percent });
  return (
    <div className="loading-screen" role="status" aria-live="polite">
      <div className="loading-screen__box">
        <span className="spinner" aria-hidden="true" />
        <p>{text}</p>
        <progress max={100} value={percent} aria-label={text} />
        {!drawn && status === "connecting" && (
          <p className="loading-screen__sub">{t("loading.connecting")}</p>
        )}
      </div>
    </div>
  );
}
