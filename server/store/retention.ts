/** Purges personal data older than the retention period: once at start-up, then daily. */
import { serverLog } from "../logging/rate-limited-log.ts";
import type { ConsultationStore } from "./consultation-store.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs one purge now; returns how many consultations had personal data forgotten. */
export async function purgeExpired(
  store: ConsultationStore,
  retentionDays: number,
  now: number,
): Promise<number> {
  return store.purgePersonalData(now - retentionDays * DAY_MS);
}

/** Purges now and every day after; returns the function that stops the daily job. */
export async function startRetention(
  store: ConsultationStore,
  retentionDays: number,
  now: () => number,
): Promise<() => void> {
  const run = async () => {
    const purged = await purgeExpired(store, retentionDays, now());
    if (purged > 0) serverLog.info(`Retention: personal data purged from ${purged} consultation(s).`);
  };
  await run();
  const timer = setInterval(() => {
    run().catch((error: unknown) => serverLog.error("Retention purge failed:", error));
  }, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
