import { useState } from "react";
import { REASON_MAX } from "../../../shared/consultation/moderation.ts";
import { useT } from "../app/i18n.tsx";
import { showNotice } from "../net/facilitation-store.ts";
import { reportParticipant } from "../net/facilitator-actions.ts";
import { ReasonDialog } from "./ReasonDialog.tsx";

/** Reports someone to the facilitators, with a short reason that only they see. */
export function ReportButton({
  participantId,
  name,
}: {
  readonly participantId: string;
  readonly name: string;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="participant__report"
        data-testid="report-participant"
        aria-label={t("report.actionLabel", { name })}
        title={t("report.actionLabel", { name })}
        onClick={() => setOpen(true)}
      >
        {t("report.action")}
      </button>
      {open && (
        <ReasonDialog
          testId="report-dialog"
          heading={t("report.heading", { name })}
          label={t("report.reason")}
          hint={t("report.reasonHint", { max: REASON_MAX })}
          confirmLabel={t("report.send")}
          onCancel={() => setOpen(false)}
          onConfirm={(reason) => {
            reportParticipant(participantId, reason);
            setOpen(false);
            showNotice("notice.reportSent");
          }}
        />
      )}
    </>
  );
}
