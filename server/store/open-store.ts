/** Chooses the store once at start-up: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
import type { DatabaseTimeouts } from "../config.ts";
import type { ConsultationStore } from "./consultation-store.ts";
import { PostgresStore } from "./postgres-store.ts";
import { SqliteStore } from "./sqlite-store.ts";

export async function openStore(
  databaseUrl: string | undefined,
  databaseTimeouts: DatabaseTimeouts,
  sqliteFile: string,
): Promise<ConsultationStore> {
  return databaseUrl ? PostgresStore.connect(databaseUrl, databaseTimeouts) : new SqliteStore(sqliteFile);
}
