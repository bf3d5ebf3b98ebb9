import { useId, useState } from "react";
import { createPortal } from "react-dom";
import { describeError, useT } from "../../app/i18n.tsx";
import { facilitatorPath } from "../../app/routes.ts";
import { rotateFacilitatorLink } from "../../net/consultation-requests.ts";
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
      {state.stage === "confirming" &&
        createPortal(
          <div className="dialog-backdrop dialog-backdrop--fixed">
            <div
              className="dialog"
              role="alertdialog"
              aria-modal="true"
              aria-labelledby={`${id}-heading`}
              aria-describedby={`${id}-text`}
              data-testid="rotate-facilitator-link-dialog"
              onKeyDown={(event) => {
                if (event.key === "Escape") setState({ stage: "idle" });
              }}
            >
              <h2 id={`${id}-heading`} className="dialog__heading">
                {t("console.facilitatorLinkConfirmHeading")}
              </h2>
              <p id={`${id}-text`} className="dialog__text">
                {t("console.facilitatorLinkConfirmText")}
              </p>
              <div className="dialog__actions">
                <button
                  type="button"
                  className="button button--danger"
                  data-testid="rotate-facilitator-link-confirm"
                  onClick={() => void rotate()}
                >
                  {t("console.facilitatorLinkConfirm")}
                </button>
                <button
                  type="button"
                  className="button"
                  // biome-ignore lint/a11y/noAutofocus: the safe choice gets the focus in a destructive confirmation.
                  autoFocus
                  onClick={() => setState({ stage: "idle" })}
                >
                  {t("common.cancel")}
                </button>
              </div>
            </div>
          </div>,
          document.body,
        )}
    </section>
  );
}
