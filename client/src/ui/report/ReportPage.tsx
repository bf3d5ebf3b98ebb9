import { Fragment, type ReactNode, useEffect, useState } from "react";
import type { OutcomeFile } from "../../../../shared/consultation/outcome-exports.ts";
import type { MessageKey } from "../../../../shared/i18n/index.ts";
import type { Language } from "../../../../shared/protocol/roles.ts";
import { describeError, useConsultationLanguage, useLanguage, useT } from "../../app/i18n.tsx";
import { percentOf } from "../../consultation/poll-results.ts";
import { reportPollBars } from "../../consultation/report-charts.ts";
import { fetchReport, outcomeFileUrl, type ReportFetch } from "../../net/outcome-report-api.ts";
import { PageHeader } from "../PageHeader.tsx";
import { ReportAccess } from "./ReportAccess.tsx";
import { SvgBars } from "./SvgBars.tsx";

const REPORT_LINKS: readonly { file: OutcomeFile; label: MessageKey; testId: string }[] = [
  { file: "report.json", label: "outcome.json", testId: "report-json" },
  { file: "report.csv", label: "outcome.csv", testId: "report-csv" },
  { file: "proposals.decidim.csv", label: "outcome.decidim", testId: "report-decidim" },
  { file: "dataset.jsonld", label: "outcome.dataset", testId: "report-dataset" },
];

/**
 * The outcome report of a closed consultation, printable: attendance, agenda, polls as bar charts, ideas,
 * the budget, tables and speaking time, with links to the open-data JSON and CSV, the ideas as a Decidim
 * import file and the open-data metadata. Before closing it says so.
 */
export function ReportPage({ consultationId }: { readonly consultationId: string }) {
  const t = useT();
  const { language } = useLanguage();
  const [result, setResult] = useState<ReportFetch | null>(null);
  useConsultationLanguage(result?.ok ? result.report.consultation.language : undefined);

  useEffect(() => {
    let current = true;
    void fetchReport(consultationId).then((answer) => {
      if (current) setResult(answer);
    });
    return () => {
      current = false;
    };
  }, [consultationId]);

  useEffect(() => {
    const title = result?.ok ? result.report.consultation.title : "";
    document.title = title ? `${t("outcome.title")} – ${title}` : t("outcome.title");
  }, [result, t]);

  const number = (value: number) => value.toLocaleString(language);
  let body: ReactNode;
  if (!result) {
    body = (
      <p className="card status" role="status" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        {t("outcome.loading")}
      </p>
    );
  } else if (!result.ok) {
    body = (
      <section className="card">
        <h1 className="card__title">{t("outcome.title")}</h1>
        <p className="form__error" role="alert" data-testid="report-not-ready">
          {result.code === "report_not_ready"
            ? t("outcome.notReady")
            : describeError(t, result.code, result.message)}
        </p>
      </section>
    );
  } else {
    const report = result.report;
    const interpreted = Object.entries(report.interpretation?.minutesByLanguage ?? {}).filter(
      ([, minutes]) => minutes > 0,
    ) as [Language, number][];
    body = (
      <article className="card report" data-testid="report">
        <header className="report__header">
          <p className="report__kicker">{t("outcome.title")}</p>
          <h1 className="card__title">{report.consultation.title}</h1>
          <p>
            {t("outcome.closedAt", {
              date: new Date(report.consultation.closedAt).toLocaleString(language, {
                dateStyle: "long",
                timeStyle: "short",
              }),
            })}
          </p>
          <p className="report__links">
            {REPORT_LINKS.map(({ file, label, testId }) => (
              <Fragment key={file}>
                <a href={outcomeFileUrl(consultationId, file)} data-testid={testId}>
                  {t(label)}
                </a>{" "}
                ·{" "}
              </Fragment>
            ))}
            <button
              type="button"
              className="button button--small report__print"
              onClick={() => window.print()}
            >
              {t("outcome.print")}
            </button>
          </p>
        </header>

        <section>
          <h2>{t("outcome.attendance")}</h2>
          <p>
            {t("outcome.attendanceLine", { total: report.attendance.total, peak: report.attendance.peak })}
          </p>
          {report.access && <ReportAccess access={report.access} />}
        </section>

        <section>
          <h2>{t("outcome.agenda")}</h2>
          {report.agenda.length === 0 ? (
            <p>{t("outcome.none")}</p>
          ) : (
            <ol>
              {report.agenda.map((item, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a published report never reorders.
                <li key={index}>
                  {item.title} –{" "}
                  {t("outcome.agendaLine", { planned: item.plannedMinutes, actual: item.actualMinutes })}
                </li>
              ))}
            </ol>
          )}
        </section>

        <section data-testid="report-polls">
          <h2>{t("outcome.polls")}</h2>
          {report.polls.length === 0 && <p>{t("outcome.none")}</p>}
          {report.polls.length > 0 && report.access?.openAttendance && (
            <p className="report__warning">{t("access.openAttendance")}</p>
          )}
          {report.polls.map((poll, index) => {
            const bars = reportPollBars(poll);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a published report never reorders.
              <figure key={index} className="report__poll" data-testid="report-poll">
                <figcaption>
                  <strong>{poll.question}</strong> – {t(`poll.kind.${poll.kind}`)} ·{" "}
                  {t("poll.ballots", { count: poll.ballots })}
                  {typeof poll.mean === "number" && ` · ${t("outcome.mean", { mean: number(poll.mean) })}`}
                  {poll.kind === "ranking" && ` · ${t("outcome.borda")}`}
                </figcaption>
                <SvgBars
                  title={poll.question}
                  bars={bars.map((bar) => ({
                    ...bar,
                    caption:
                      poll.kind === "ranking"
                        ? t("poll.points", { count: bar.value })
                        : t("poll.share", { count: bar.value, percent: percentOf(bar.value, poll.ballots) }),
                  }))}
                />
              </figure>
            );
          })}
        </section>

        <section data-testid="report-ideas">
          <h2>{t("outcome.ideas")}</h2>
          {report.ideas.items.length === 0 ? (
            <p>{t("outcome.none")}</p>
          ) : (
            <ol className="report__ideas">
              {report.ideas.items.map((idea, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a published report never reorders.
                <li key={index}>
                  {idea.pinned && <span className="badge">{t("ideas.pinned")}</span>} {idea.text} –{" "}
                  {t("ideas.votes", { count: idea.votes })}
                  {idea.cluster && ` · ${t("console.cluster", { label: idea.cluster })}`}
                </li>
              ))}
            </ol>
          )}
          {report.ideas.clusters.length > 0 && (
            <>
              <h3>{t("outcome.clusters")}</h3>
              <SvgBars
                title={t("outcome.clusters")}
                bars={report.ideas.clusters.map((cluster) => ({
                  label: cluster.label,
                  value: cluster.votes,
                  caption: t("ideas.votes", { count: cluster.votes }),
                }))}
              />
            </>
          )}
          {report.ideas.hidden > 0 && <p>{t("outcome.hiddenIdeas", { count: report.ideas.hidden })}</p>}
        </section>

        {report.budget && (
          <section data-testid="report-budget">
            <h2>{t("outcome.budget")}</h2>
            <p>
              {t("outcome.budgetLine", {
                total: number(report.budget.total),
                count: report.budget.participants,
              })}
            </p>
            <SvgBars
              title={t("outcome.budget")}
              bars={report.budget.proposals.map((proposal) => ({
                label: proposal.title,
                value: proposal.allocated,
                caption: `${number(proposal.allocated)} / ${number(proposal.cost)}`,
              }))}
            />
          </section>
        )}

        {report.tables.length > 0 && (
          <section>
            <h2>{t("outcome.tables")}</h2>
            <ul>
              {report.tables.map((round, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a published report never reorders.
                <li key={index}>{t("outcome.tablesLine", { tables: round.tables, seated: round.seated })}</li>
              ))}
            </ul>
          </section>
        )}

        <section>
          <h2>{t("outcome.speaking")}</h2>
          <p>
            {t("outcome.speakingLine", {
              spoke: report.speaking.citizensWhoSpoke,
              citizens: report.speaking.citizens,
              seconds: report.speaking.totalSeconds,
            })}
          </p>
          {report.chat && (
            <p data-testid="report-chat">
              {t("outcome.chatLine", { count: report.chat.messages, hidden: report.chat.hidden })}
            </p>
          )}
        </section>

        {interpreted.length > 0 && (
          <section data-testid="report-interpretation">
            <h2>{t("outcome.interpretation")}</h2>
            <ul>
              {interpreted.map(([language, minutes]) => (
                <li key={language}>
                  {t(`outcome.interpretedInto.${language}`, { minutes: number(minutes) })}
                </li>
              ))}
            </ul>
          </section>
        )}
      </article>
    );
  }

  return (
    <div className="page report-page">
      <PageHeader />
      <main className="page__main report-page__main">{body}</main>
    </div>
  );
}
