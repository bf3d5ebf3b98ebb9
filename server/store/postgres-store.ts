/**
 * The store for larger deployments: PostgreSQL through `pg` (pure JavaScript). Same tables and
 * meaning as the SQLite store, whose SQL it shares (SqlConsultationStore).
 */
import pg from "pg";
import { SqlConsultationStore } from "./sql-consultation-store.ts";
import type { SqlRow, SqlRunner, SqlValue } from "./sql-method-records.ts";

/** Applied in order, each once; the version is kept in `schema_version`. */
const MIGRATIONS = [
  `CREATE TABLE consultations (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     language TEXT NOT NULL,
     join_code TEXT NOT NULL UNIQUE,
     facilitator_key_hash TEXT NOT NULL UNIQUE,
     created_at BIGINT NOT NULL,
     locked INTEGER NOT NULL DEFAULT 0,
     speaking_mode TEXT NOT NULL DEFAULT 'town_hall',
     code_of_conduct TEXT NOT NULL DEFAULT ''
   );
   CREATE TABLE participants (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     display_name TEXT NOT NULL,
     color TEXT NOT NULL,
     role TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     device_key_hash TEXT,
     status TEXT NOT NULL DEFAULT 'active',
     entered_at BIGINT
   );
   CREATE INDEX participants_by_consultation ON participants(consultation_id);
   CREATE TABLE bans (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     device_key_hash TEXT NOT NULL,
     participant_id TEXT NOT NULL REFERENCES participants(id),
     created_at BIGINT NOT NULL,
     PRIMARY KEY (consultation_id, device_key_hash)
   );
   CREATE TABLE audit_log (
     id BIGSERIAL PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     at BIGINT NOT NULL,
     actor_id TEXT REFERENCES participants(id),
     action TEXT NOT NULL,
     target_id TEXT REFERENCES participants(id),
     reason TEXT,
     detail TEXT
   );
   CREATE INDEX audit_by_consultation ON audit_log(consultation_id, id);
   CREATE TABLE consultation_documents (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     kind TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (consultation_id, kind)
   );
   CREATE TABLE polls (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     created_at BIGINT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE TABLE poll_voters (
     poll_id TEXT NOT NULL REFERENCES polls(id),
     participant_id TEXT NOT NULL,
     PRIMARY KEY (poll_id, participant_id)
   );
   CREATE TABLE ballots (
     id TEXT NOT NULL,
     poll_id TEXT NOT NULL REFERENCES polls(id),
     ballot_key TEXT,
     voter_id TEXT,
     choices TEXT NOT NULL,
     PRIMARY KEY (poll_id, id)
   );
   CREATE UNIQUE INDEX ballots_by_key ON ballots(poll_id, ballot_key);
   CREATE TABLE ideas (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     author_id TEXT,
     text TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     pinned INTEGER NOT NULL DEFAULT 0,
     hidden INTEGER NOT NULL DEFAULT 0,
     hidden_reason TEXT,
     cluster_id TEXT
   );
   CREATE INDEX ideas_by_consultation ON ideas(consultation_id);
   CREATE TABLE idea_votes (
     idea_id TEXT NOT NULL REFERENCES ideas(id),
     participant_id TEXT NOT NULL,
     PRIMARY KEY (idea_id, participant_id)
   );
   CREATE TABLE idea_clusters (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     label TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE budget_allocations (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     participant_id TEXT NOT NULL,
     allocation TEXT NOT NULL,
     PRIMARY KEY (consultation_id, participant_id)
   );
   CREATE TABLE speaking_time (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     participant_id TEXT NOT NULL,
     role TEXT NOT NULL,
     ms BIGINT NOT NULL
   );
   CREATE TABLE attendance (
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     participant_id TEXT NOT NULL,
     device TEXT NOT NULL,
     role TEXT NOT NULL,
     PRIMARY KEY (consultation_id, participant_id)
   );
   CREATE TABLE slides (
     id TEXT PRIMARY KEY,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     position INTEGER NOT NULL,
     mime TEXT NOT NULL,
     bytes BYTEA NOT NULL
   );
   CREATE TABLE reports (
     consultation_id TEXT PRIMARY KEY REFERENCES consultations(id),
     closed_at BIGINT NOT NULL,
     body TEXT NOT NULL
   );`,
  `CREATE TABLE chat_messages (
     seq BIGSERIAL PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     consultation_id TEXT NOT NULL REFERENCES consultations(id),
     author_id TEXT,
     text TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     hidden INTEGER NOT NULL DEFAULT 0,
     hidden_reason TEXT
   );
   CREATE INDEX chat_by_consultation ON chat_messages(consultation_id, created_at);`,
];

/** `?` placeholders (shared with SQLite) become PostgreSQL's `$1, $2, ...`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function runnerOn(client: pg.Pool | pg.PoolClient, pool: pg.Pool): SqlRunner {
  return {
    async all(sql, params: readonly SqlValue[] = []) {
      return (await client.query(numbered(sql), params as unknown[])).rows as SqlRow[];
    },
    async run(sql, params: readonly SqlValue[] = []) {
      await client.query(numbered(sql), params as unknown[]);
    },
    async transaction(work) {
      const tx = await pool.connect();
      try {
        await tx.query("BEGIN");
        const result = await work(runnerOn(tx, pool));
        await tx.query("COMMIT");
        return result;
      } catch (error) {
        await tx.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        tx.release();
      }
    },
  };
}

export class PostgresStore extends SqlConsultationStore {
  readonly #pool: pg.Pool;
  readonly #sql: SqlRunner;

  private constructor(pool: pg.Pool) {
    super();
    this.#pool = pool;
    this.#sql = runnerOn(pool, pool);
  }

  /** Connects and brings the schema up to date (one migration at a time, under an advisory lock). */
  static async connect(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const store = new PostgresStore(pool);
    await store.#migrate();
    return store;
  }

  protected runner(): SqlRunner {
    return this.#sql;
  }

  async #migrate(): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(727001)");
      await client.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      const rows = (await client.query("SELECT version FROM schema_version")).rows as { version: number }[];
      let version = rows[0]?.version ?? 0;
      if (rows.length === 0) await client.query("INSERT INTO schema_version (version) VALUES (0)");
      for (; version < MIGRATIONS.length; version++) {
        await client.query("BEGIN");
        try {
          await client.query(MIGRATIONS[version] as string);
          await client.query("UPDATE schema_version SET version = $1", [version + 1]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock(727001)").catch(() => undefined);
      client.release();
    }
  }

  protected isDuplicateJoinCode(error: unknown): boolean {
    return (error as { constraint?: unknown }).constraint === "consultations_join_code_key";
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
