import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { metricsRegistry } from "../../server/metrics/hall-metrics.ts";
import { timedStore } from "../../server/metrics/timed-store.ts";
import { BallotSeal } from "../../server/store/ballot-seal.ts";
import { SqliteStore } from "../../server/store/sqlite-store.ts";

const seal = new BallotSeal("a session secret for the timed store tests");
const dir = mkdtempSync(path.join(tmpdir(), "plenum-timed-store-"));

/** A counter's value, or with `series` one series of a histogram (its `_count`), for one operation. */
async function count(name: string, operation: string, series?: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric(name)?.get();
  const found = (
    metric?.values as { labels: Record<string, unknown>; metricName?: string; value: number }[]
  )?.find((each) => each.labels.operation === operation && (!series || each.metricName === series));
  return found?.value ?? 0;
}

describe("the timed store", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("times each operation of a real SQLite store and counts the ones that fail", async () => {
    const store = timedStore(await SqliteStore.open(path.join(dir, "plenum.sqlite"), seal));
    const timings = "plenum_store_query_seconds";
    expect(await store.findParticipant("nobody")).toBeUndefined();
    expect(await count(timings, "findParticipant", `${timings}_count`)).toBe(1);
    expect(await count("plenum_store_errors_total", "findParticipant")).toBe(0);

    await store.close();
    await expect(store.findParticipant("nobody")).rejects.toThrow();
    expect(await count("plenum_store_errors_total", "findParticipant")).toBe(1);
    expect(await count(timings, "findParticipant", `${timings}_count`)).toBe(2);
  });

  it("times a transaction whole and each operation inside it", async () => {
    const store = timedStore(await SqliteStore.open(path.join(dir, "transaction.sqlite"), seal));
    const timings = "plenum_store_query_seconds";
    await store.transaction(async (tx) => {
      await tx.setLocked("nobody", true);
      await tx.findConsultation("nobody");
    });
    expect(await count(timings, "transaction", `${timings}_count`)).toBe(1);
    expect(await count(timings, "setLocked", `${timings}_count`)).toBe(1);
    expect(await count(timings, "findConsultation", `${timings}_count`)).toBe(1);
    await expect(
      store.transaction(async () => {
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    // Given up by the work inside it, not failed by the store.
    expect(await count("plenum_store_errors_total", "transaction")).toBe(0);
    expect(await count(timings, "transaction", `${timings}_count`)).toBe(2);
    await store.close();
    await expect(store.transaction(async () => undefined)).rejects.toThrow();
    expect(await count("plenum_store_errors_total", "transaction")).toBe(1);
  });
});
