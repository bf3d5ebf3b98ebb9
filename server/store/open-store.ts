/** Chooses the store once at start-up: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
import type { ConsultationStore } from "./consultation-store.ts";
import { PostgresStore } from "./postgres-store.ts";
import { SqliteStore } from "./sqlite-store.ts";

export async function openStore(
  databaseUrl: string | undefined,
  sqliteFile: string,
): Promise<ConsultationStore> {
  return databaseUrl ? PostgresStore.connect(databaseUrl) : new SqliteStore(sqliteFile);
}
