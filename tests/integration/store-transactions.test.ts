/**
 * A store transaction has its connection to itself until it commits or rolls back: a write another
 * command made meanwhile, and was told had succeeded, never goes down with a rollback; and what the
 * transaction wrote, a nested one (a ballot with its voter record) included, goes down whole.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../server/config.ts";
import { BallotSeal } from "../../server/store/ballot-seal.ts";
import type { ConsultationStore } from "../../server/store/consultation-store.ts";
import { PostgresStore } from "../../server/store/postgres-store.ts";
import { sqliteRunner } from "../../server/store/sqlite-runner.ts";
import { SqliteStore } from "../../server/store/sqlite-store.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "../support/test-postgres.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the SQLite runner", () => {
  it("keeps a statement acknowledged during another's transaction when that transaction rolls back", async () => {
    const db = new DatabaseSync(":memory:");
    db.exec("CREATE TABLE notes (text TEXT NOT NULL)");
    const sql = sqliteRunner(db);
    let acknowledged = false;
    const rolledBack = sql.transaction(async (tx) => {
      await tx.run("INSERT INTO notes (text) VALUES (?)", ["inside"]);
      await sleep(30);
      throw new Error("the command changed its mind");
    });
    // Another command writes while the transaction is open and waiting.
    await sleep(5);
    const outside = sql.run("INSERT INTO notes (text) VALUES (?)", ["outside"]).then(() => {
      acknowledged = true;
    });
    await expect(rolledBack).rejects.toThrow(/changed its mind/);
    await outside;
    expect(acknowledged).toBe(true);
    expect(await sql.all("SELECT text FROM notes")).toEqual([{ text: "outside" }]);
    db.close();
  });
});

const BACKENDS: { name: string; available: () => boolean }[] = [
  { name: "SQLite", available: () => true },
  { name: "PostgreSQL", available: postgresAvailable },
];

describe.each(BACKENDS)("a store transaction ($name)", ({ name, available }) => {
  let postgres: TestPostgres | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-tx-"));
  let store: ConsultationStore;

  beforeAll(async () => {
    if (!available()) throw new Error("PostgreSQL is not installed (.ci/run installs it)");
    postgres = name === "PostgreSQL" ? await startPostgres() : undefined;
    const seal = new BallotSeal("a session secret for the store transaction tests");
    store = postgres
      ? await PostgresStore.connect(postgres.url, readConfig({}).databaseTimeouts, seal)
      : await SqliteStore.open(path.join(dataDir, "plenum.sqlite"), seal);
  });

  afterAll(async () => {
    await store?.close();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function consultation(id: string) {
    await store.createConsultation({
      id,
      title: id,
      language: "en",
      joinCode: id.slice(0, 6).toUpperCase(),
      facilitatorKeyHash: `key-${id}`,
      createdAt: 1,
      codeOfConduct: "",
    });
  }

  it("takes none of the writes other commands had acknowledged with it when it rolls back", async () => {
    await consultation("first1");
    await consultation("second");
    const order: string[] = [];
    const rolledBack = store.transaction(async (tx) => {
      await tx.setLocked("first1", true);
      await sleep(30);
      order.push("transaction fails");
      throw new Error("the command changed its mind");
    });
    await sleep(5);
    const outside = store.setSpeakingMode("second", "open").then(() => order.push("outside acknowledged"));
    await expect(rolledBack).rejects.toThrow(/changed its mind/);
    await outside;
    expect((await store.findConsultation("first1"))?.locked).toBe(false);
    expect((await store.findConsultation("second"))?.speakingMode).toBe("open");
    expect(order).toContain("outside acknowledged");
  });

  it("rolls back a ballot and its voter record together with the rest of the command", async () => {
    await consultation("third1");
    const poll = {
      id: "poll-1",
      question: "Trees or benches?",
      kind: "single" as const,
      options: ["Trees", "Benches"],
      maxChoices: 1,
      scaleMax: 0,
      anonymous: true,
      reveal: "live" as const,
      status: "open" as const,
    };
    await store.savePoll("third1", poll, 1);
    const failed = store.transaction(async (tx) => {
      await tx.castBallot({
        pollId: poll.id,
        voterId: "voter-1",
        choices: [0],
      });
      await tx.appendAudit({
        consultationId: "third1",
        at: 2,
        actorId: undefined,
        action: "lock",
        targetId: undefined,
        reason: undefined,
        detail: undefined,
      });
      throw new Error("the audit entry could not be written");
    });
    await expect(failed).rejects.toThrow(/could not be written/);
    expect(await store.pollTally(poll)).toEqual({ ballots: 0, counts: [0, 0] });
    expect(await store.listAudit("third1")).toEqual([]);
  });
});
