import { useT } from "../app/i18n.tsx";
import { LOADING_STEPS, type LoadingStep, loadingProgress } from "./loading-steps.ts";

const STEP_LABEL = {
  code: "loading.stepCode",
  scene: "loading.stepScene",
  room: "loading.stepRoom",
} as const satisfies Record<LoadingStep, string>;

export interface LoadingStepsProps {
  readonly finished: Readonly<Record<LoadingStep, boolean>>;
}

/** The loading screen of the way in: which step is under way, and a bar of the steps done. */
export function LoadingSteps({ finished }: LoadingStepsProps) {
  const t = useT();
  const { done, current } = loadingProgress(finished);
  const text = current
    ? t("loading.step", { step: done + 1, total: LOADING_STEPS.length, what: t(STEP_LABEL[current]) })
    : t(STEP_LABEL.room);
  return (
    <div className="loading-screen" role="status" aria-live="polite" aria-busy="true">
      <div className="loading-screen__box">
        <span className="spinner" aria-hidden="true" />
        <p data-testid="loading-step">{text}</p>
        <progress max={LOADING_STEPS.length} value={done} aria-label={text} />
      </div>
    </div>
  );
}
