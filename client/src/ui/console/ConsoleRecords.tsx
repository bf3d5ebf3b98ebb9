import { useEffect, useId, useRef, useState } from "react";
import { AUDIT_ACTIONS, type AuditCounts, type AuditEntry } from "../../../../shared/consultation/audit.ts";
import { describeError, useLanguage, useT } from "../../app/i18n.tsx";
import { useFacilitation } from "../../net/facilitation-store.ts";
import { fetchAuditLog } from "../../net/facilitator-actions.ts";

type AuditState =
  | { readonly stage: "idle" | "loading" }
  | { readonly stage: "ready"; readonly entries: readonly AuditEntry[]; readonly counts: AuditCounts }
  | { readonly stage: "failed"; readonly message: string };

/** Reports as they arrive, and the moderation audit log on request. */
export function ConsoleRecords() {
  const t = useT();
  const { language } = useLanguage();
  const id = useId();
  const reports = useFacilitation((state) => state.reports);
  const erasures = useFacilitation((state) => state.erasures);
  const [audit, setAudit] = useState<AuditState>({ stage: "idle" });
  // Empty names: people who erased themselves (their entries stay, nameless).
  const nameOf = (name: string) => name || t("console.erasedName");
  const time = (at: number) =>
    new Date(at).toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" });

  const load = async () => {
    setAudit({ stage: "loading" });
    const answer = await fetchAuditLog();
    setAudit(
      answer.ok
        ? { stage: "ready", entries: answer.entries, counts: answer.counts }
        : { stage: "failed", message: describeError(t, answer.error.code, answer.error.message) },
    );
  };

  // Someone erased themselves: a log on screen is read again, without their name.
  const shown = useRef(audit.stage);
  shown.current = audit.stage;
  const reload = useRef(load);
  reload.current = load;
  useEffect(() => {
    if (erasures > 0 && shown.current === "ready") void reload.current();
  }, [erasures]);

  return (
    <>
      <section className="console__section" aria-labelledby={`${id}-reports`}>
        <h2 id={`${id}-reports`}>{t("console.reports", { count: reports.length })}</h2>
        <div role="log" aria-live="polite" data-testid="console-reports">
          {reports.length === 0 ? (
            <p className="console__empty">{t("console.reportsEmpty")}</p>
          ) : (
            <ul className="console__reports">
              {reports.map((report) => (
                <li key={report.id}>
                  <time dateTime={new Date(report.at).toISOString()}>{time(report.at)}</time>{" "}
                  {t("console.reportLine", {
                    from: nameOf(report.fromName),
                    about: nameOf(report.aboutName),
                    reason: report.reason,
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
      <section className="console__section" aria-labelledby={`${id}-audit`}>
        <h2 id={`${id}-audit`}>{t("console.audit")}</h2>
        <button
          type="button"
          className="button button--small"
          data-testid="console-audit-load"
          disabled={audit.stage === "loading"}
          onClick={() => void load()}
        >
          {audit.stage === "idle" ? t("console.auditLoad") : t("console.auditRefresh")}
        </button>
        {audit.stage === "failed" && (
          <p className="form__error" role="alert">
            {audit.message}
          </p>
        )}
        {audit.stage === "ready" && (
          <div data-testid="console-audit">
            {audit.entries.length === 0 ? (
              <p className="console__empty">{t("console.auditEmpty")}</p>
            ) : (
              <ol className="console__audit">
                {audit.entries.map((entry) => (
                  <li key={entry.id}>
                    <time dateTime={new Date(entry.at).toISOString()}>{time(entry.at)}</time>{" "}
                    {[
                      entry.actorName === undefined ? t("console.auditRoom") : nameOf(entry.actorName),
                      t(`audit.${entry.action}`),
                      entry.targetName === undefined ? "" : nameOf(entry.targetName),
                    ]
                      .filter(Boolean)
                      .join(" ")}
                    {entry.reason ? ` — “${entry.reason}”` : ""}
                  </li>
                ))}
              </ol>
            )}
            <h3>{t("console.auditTotals")}</h3>
            <p className="console__totals">
              {AUDIT_ACTIONS.filter((action) => audit.counts[action] > 0)
                .map((action) => `${t(`audit.${action}`)}: ${audit.counts[action]}`)
                .join(" · ") || t("console.auditEmpty")}
            </p>
          </div>
        )}
      </section>
    </>
  );
}
