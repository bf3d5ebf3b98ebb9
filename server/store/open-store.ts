/** Chooses the store once at start-up: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
import type { DatabaseTimeouts } from "../config.ts";
import { BallotSeal } from "./ballot-seal.ts";
import type { ConsultationStore } from "./consultation-store.ts";
import { PostgresStore } from "./postgres-store.ts";
import { SqliteStore } from "./sqlite-store.ts";

/** `sessionSecret` also keys the sealed ballots of open polls (server/store/ballot-seal.ts). */
export async function openStore(
  databaseUrl: string | undefined,
  databaseTimeouts: DatabaseTimeouts,
  sqliteFile: string,
  sessionSecret: string,
): Promise<ConsultationStore> {
  const seal = new BallotSeal(sessionSecret);
  return databaseUrl
    ? PostgresStore.connect(databaseUrl, databaseTimeouts, seal)
    : SqliteStore.open(sqliteFile, seal);
}
