import { useId, useState } from "react";
import { isClosed } from "../../../../shared/consultation/closing.ts";
import { useT } from "../../app/i18n.tsx";
import { reportPath } from "../../app/routes.ts";
import { closeConsultation } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { useFacilitation } from "../../net/facilitation-store.ts";
import { ConfirmDialog } from "../ConfirmDialog.tsx";

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
      {isClosed(phase) ? (
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
      {confirming && (
        <ConfirmDialog
          heading={t("console.closeHeading")}
          text={t("console.closeExplain")}
          confirmLabel={t("console.closeConfirm")}
          testId="close-consultation"
          onConfirm={() => {
            setConfirming(false);
            void closeConsultation();
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
