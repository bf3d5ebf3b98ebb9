import type { OutcomeReport } from "../../../../shared/consultation/outcome-report.ts";
import { useT } from "../../app/i18n.tsx";

/** Who could take part, how many invited, entered and voted, and the open-attendance warning. */
export function ReportAccess({ access }: { readonly access: NonNullable<OutcomeReport["access"]> }) {
  const t = useT();
  return (
    <div data-testid="report-access">
      <p>
        <strong>{t("report.access")}:</strong> {t(`access.${access.mode}`)}
      </p>
      {access.openAttendance && (
        <p className="report__warning" data-testid="report-open-attendance">
          {t("access.openAttendance")}
        </p>
      )}
      <dl className="report__counts">
        {access.mode !== "open" && (
          <>
            <dt>{t("report.invited")}</dt>
            <dd>{access.invited}</dd>
            <dt>{t("report.enteredCount")}</dt>
            <dd>{access.entered}</dd>
          </>
        )}
        <dt>{t("report.voted")}</dt>
        <dd>{access.voted}</dd>
      </dl>
    </div>
  );
}
