/** Everything a database holds, as text, for tests that look for what must never be stored. */
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";

function rowsAsText(rows: readonly unknown[]): string {
  return JSON.stringify(rows, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString("latin1") : value,
  );
}

/** Every row of every table: from PostgreSQL at `databaseUrl`, else from the SQLite file in `dataDir`. */
export async function databaseText(dataDir: string, databaseUrl: string | undefined): Promise<string> {
  if (databaseUrl === undefined) {
    const db = new DatabaseSync(path.join(dataDir, "plenum.sqlite"), { readOnly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      return tables
        .map(({ name }) => rowsAsText(db.prepare(`SELECT * FROM "${String(name)}"`).all()))
        .join("\n");
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const parts: string[] = [];
    for (const { table_name } of tables.rows)
      parts.push(rowsAsText((await client.query(`SELECT * FROM "${table_name}"`)).rows));
    return parts.join("\n");
  } finally {
    await client.end();
  }
}
