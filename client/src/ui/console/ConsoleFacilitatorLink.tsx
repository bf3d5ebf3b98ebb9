import { useId, useState } from "react";
import { describeError, useT } from "../../app/i18n.tsx";
import { facilitatorPath } from "../../app/routes.ts";
import { rotateFacilitatorLink } from "../../net/consultation-requests.ts";
import { ConfirmDialog } from "../ConfirmDialog.tsx";
import { CopyField } from "../CopyField.tsx";

type LinkState =
  | { readonly stage: "idle" | "confirming" | "working" }
  | { readonly stage: "done"; readonly link: string }
  | { readonly stage: "failed"; readonly message: string };

/** Replaces a facilitator link that went astray, after a confirmation; shows the new one once. */
export function ConsoleFacilitatorLink() {
  const t = useT();
  const id = useId();
  const [state, setState] = useState<LinkState>({ stage: "idle" });

  const rotate = async () => {
    setState({ stage: "working" });
    const answer = await rotateFacilitatorLink();
    setState(
      answer.ok
        ? { stage: "done", link: `${window.location.origin}${facilitatorPath(answer.facilitatorKey)}` }
        : { stage: "failed", message: describeError(t, answer.error.code, answer.error.message) },
    );
  };

  return (
    <section className="console__section" aria-labelledby={`${id}-link`}>
      <h2 id={`${id}-link`}>{t("console.facilitatorLink")}</h2>
      <p>{t("console.facilitatorLinkExplain")}</p>
      <button
        type="button"
        className="button button--small"
        data-testid="console-rotate-facilitator-link"
        disabled={state.stage === "working"}
        onClick={() => setState({ stage: "confirming" })}
      >
        {t("console.facilitatorLinkRotate")}
      </button>
      {state.stage === "done" && (
        <CopyField
          label={t("console.facilitatorLinkNew")}
          value={state.link}
          testId="console-new-facilitator-link"
          hint={t("console.facilitatorLinkNewHint")}
        />
      )}
      {state.stage === "failed" && (
        <p role="alert" className="form__error">
          {state.message}
        </p>
      )}
      {state.stage === "confirming" && (
        <ConfirmDialog
          heading={t("console.facilitatorLinkConfirmHeading")}
          text={t("console.facilitatorLinkConfirmText")}
          confirmLabel={t("console.facilitatorLinkConfirm")}
          testId="rotate-facilitator-link"
          onConfirm={() => void rotate()}
          onCancel={() => setState({ stage: "idle" })}
        />
      )}
    </section>
  );
}
