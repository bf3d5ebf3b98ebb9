/**
 * Retention (docs/privacy.md, "Retention"), once at start-up and then daily:
 *
 * - `RETENTION_DAYS` after its creation, a consultation forgets its people. One still open is closed
 *   first, as the store holds it (open polls tallied, an open budget closed, a running table round
 *   counted), so that its report holds the aggregates; then every row and document keyed by a
 *   participant goes (`forgetPeople`). A report built before is kept as it is.
 * - `DELETE_AFTER_DAYS` after its creation (off by default), the whole consultation goes, slides and
 *   report included; the report is first written as a file (JSON and CSV) into the report folder.
 *
 * After either, the store scrubs what it deleted from its files (`scrub`).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TableRound } from "../../shared/consultation/discussion-tables.ts";
import { type OutcomeReport, outcomeReportCsv } from "../../shared/consultation/outcome-report.ts";
import type { Budget } from "../../shared/consultation/participatory-budget.ts";
import { closeConsultation } from "../consultations/consultation-close.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import type { ConsultationStore } from "./consultation-store.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionSettings {
  readonly retentionDays: number;
  /** Days after its creation when a consultation is deleted whole; undefined: never. */
  readonly deleteAfterDays: number | undefined;
  /** Where the report of a deleted consultation is kept as a file. */
  readonly reportDir: string;
}

export interface RetentionRun {
  /** Consultations whose people were forgotten. */
  readonly purged: number;
  /** Consultations deleted whole. */
  readonly deleted: number;
}

/** Closes a consultation whose people are about to be forgotten, from what the store holds. */
async function closeForRetention(tx: ConsultationStore, id: string, now: number): Promise<void> {
  for (const poll of await tx.listPolls(id)) {
    if (poll.status !== "open") continue;
    const closed = { ...poll, status: "closed" as const };
    await tx.savePoll(id, closed, now);
    await tx.closeBallots(closed);
  }
  const budget = await tx.loadDocument<Budget>(id, "budget");
  if (budget?.status === "open") await tx.saveDocument(id, "budget", { ...budget, status: "closed" });
  const round = await tx.loadDocument<TableRound | null>(id, "tables");
  if (round) {
    const rounds = (await tx.loadDocument<unknown[]>(id, "table_rounds")) ?? [];
    rounds.push({
      count: round.count,
      mode: round.mode,
      startedAt: round.startedAt,
      endedAt: now,
      seated: Object.keys(round.seating).length,
    });
    await tx.saveDocument(id, "table_rounds", rounds);
  }
  await closeConsultation(tx, id, now, (await tx.loadDocument<number>(id, "attendance_peak")) ?? 0);
}

/** Writes a deleted consultation's report as `<id>.json` and `<id>.csv` into `folder`. */
function keepReport(folder: string, id: string, report: OutcomeReport): void {
  mkdirSync(folder, { recursive: true });
  const name = id.replace(/[^A-Za-z0-9_-]/g, "_");
  writeFileSync(path.join(folder, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(folder, `${name}.csv`), outcomeReportCsv(report));
}

/** Runs retention once, now. */
export async function purgeExpired(
  store: ConsultationStore,
  settings: RetentionSettings,
  now: number,
): Promise<RetentionRun> {
  let purged = 0;
  for (const id of await store.consultationsWithPeople(now - settings.retentionDays * DAY_MS)) {
    await store.transaction(async (tx) => {
      if (!(await tx.findReport(id))) await closeForRetention(tx, id, now);
      await tx.forgetPeople(id);
    });
    purged++;
  }
  let deleted = 0;
  if (settings.deleteAfterDays !== undefined) {
    for (const id of await store.consultationsCreatedBefore(now - settings.deleteAfterDays * DAY_MS)) {
      const found = await store.findReport(id);
      if (found) keepReport(settings.reportDir, id, found.report as OutcomeReport);
      await store.deleteConsultation(id);
      deleted++;
    }
  }
  if (purged + deleted > 0) await store.scrub();
  return { purged, deleted };
}

/** Runs retention now and every day after; returns the function that stops the daily job. */
export async function startRetention(
  store: ConsultationStore,
  settings: RetentionSettings,
  now: () => number,
): Promise<() => void> {
  const run = async () => {
    const { purged, deleted } = await purgeExpired(store, settings, now());
    if (purged > 0) serverLog.info(`Retention: people forgotten in ${purged} consultation(s).`);
    if (deleted > 0)
      serverLog.info(
        `Retention: ${deleted} consultation(s) deleted, their reports kept in ${settings.reportDir}.`,
      );
  };
  await run();
  const timer = setInterval(() => {
    run().catch((error: unknown) => serverLog.error("Retention failed:", error));
  }, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
