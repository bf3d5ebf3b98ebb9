import { useId, useState } from "react";
import { createPortal } from "react-dom";
import { useT } from "../../app/i18n.tsx";
import { reportPath } from "../../app/routes.ts";
import { closeConsultation } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { useFacilitation } from "../../net/facilitation-store.ts";

/** Close the consultation after a confirmation; afterwards, the link to the published report. */
export function ConsoleClose() {
  const t = useT();
  const id = useId();
  const phase = useConsultation((state) => state.phase);
  const consultationId = useFacilitation((state) => state.consultationId);
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="console__section" aria-labelledby={`${id}-close`}>
      <h2 id={`${id}-close`}>{t("console.closeConsultation")}</h2>
      {phase === "closed" ? (
        <p data-testid="console-closed">
          {t("consultation.closed")}{" "}
          {consultationId && (
            <a
              href={reportPath(consultationId)}
              target="_blank"
              rel="noopener"
              data-testid="console-report-link"
            >
              {t("consultation.viewReport")}
            </a>
          )}
        </p>
      ) : (
        <button
          type="button"
          className="button button--danger"
          data-testid="console-close-consultation"
          onClick={() => setConfirming(true)}
        >
          {t("console.closeConsultation")}
        </button>
      )}
      {confirming &&
        createPortal(
          <div className="dialog-backdrop dialog-backdrop--fixed">
            <div
              className="dialog"
              role="alertdialog"
              aria-modal="true"
              aria-labelledby={`${id}-heading`}
              aria-describedby={`${id}-text`}
              data-testid="close-consultation-dialog"
              onKeyDown={(event) => {
                if (event.key === "Escape") setConfirming(false);
              }}
            >
              <h2 id={`${id}-heading`} className="dialog__heading">
                {t("console.closeHeading")}
              </h2>
              <p id={`${id}-text`} className="dialog__text">
                {t("console.closeExplain")}
              </p>
              <div className="dialog__actions">
                <button
                  type="button"
                  className="button button--danger"
                  data-testid="close-consultation-confirm"
                  onClick={() => {
                    setConfirming(false);
                    void closeConsultation();
                  }}
                >
                  {t("console.closeConfirm")}
                </button>
                <button
                  type="button"
                  className="button"
                  // biome-ignore lint/a11y/noAutofocus: the safe choice gets the focus in a destructive confirmation.
                  autoFocus
                  onClick={() => setConfirming(false)}
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
