/**
 * The store for larger deployments: PostgreSQL through `pg` (pure JavaScript). Same tables and
 * meaning as the SQLite store, whose SQL it shares (SqlConsultationStore).
 */
import pg from "pg";
import type { DatabaseTimeouts } from "../config.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import type { BallotSeal } from "./ballot-seal.ts";
import { convertLegacyBallots } from "./legacy-ballots.ts";
import { SqlConsultationStore } from "./sql-consultation-store.ts";
import type { SqlRow, SqlRunner, SqlValue } from "./sql-method-records.ts";
import { addColumns, createTable, type Migration, sqlSchema, statements } from "./sql-schema.ts";
import { StoreUnavailableError } from "./store-unavailable.ts";

const schema = sqlSchema({
  bigint: "BIGINT",
  serialKey: "BIGSERIAL PRIMARY KEY",
  bytes: "BYTEA",
  withoutRowid: "",
});

/**
 * Applied in order, each once; the version is kept in `schema_version`. The first creates at once
 * what the SQLite store's first four migrations built step by step; the later ones match its later ones.
 */
export const MIGRATIONS: readonly Migration[] = [
  statements(
    createTable("consultations", [
      ...schema.consultations.base,
      ...schema.consultations.moderation,
      ...schema.consultations.codeOfConduct,
    ]),
    createTable("participants", [...schema.participants.base, ...schema.participants.moderation]),
    schema.participantsIndex,
    schema.moderationTables,
    schema.methodTables,
  ),
  schema.chatTable,
  schema.facilitationRights,
  schema.ballotBoxTables,
  convertLegacyBallots,
  "ALTER TABLE ballots DROP COLUMN ballot_key;",
  addColumns("consultations", schema.consultations.access),
  schema.invitationTable,
  schema.signInTables,
  schema.interpretationTables,
];

/** The first version with the sealed ballot box (the migration after the chat's). */
const SEALED_BALLOT_BOX_VERSION = MIGRATIONS.indexOf(schema.ballotBoxTables) + 1;

/** Every table a purge or a deletion writes to. */
const SCRUBBED_TABLES = [
  "participants",
  "poll_voters",
  "ballots",
  "polls",
  "poll_tallies",
  "ideas",
  "idea_votes",
  "idea_clusters",
  "chat_messages",
  "budget_allocations",
  "speaking_time",
  "attendance",
  "audit_log",
  "bans",
  "invitations",
  "consultation_documents",
  "slides",
  "interpretation_time",
  "reports",
  "consultations",
];

/** How long the scrub may take to rewrite one table before the client gives up on it. */
const SCRUB_TIMEOUT_MS = 60 * 60 * 1000;

/** A statement the client waits for up to `SCRUB_TIMEOUT_MS` (`pg` reads `query_timeout` per query too). */
function longQuery(text: string): pg.QueryConfig {
  return { text, query_timeout: SCRUB_TIMEOUT_MS } as pg.QueryConfig;
}

/** `?` placeholders (shared with SQLite) become PostgreSQL's `$1, $2, ...`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * SQLSTATE classes that mean the database is going away or cannot serve (connection exception,
 * operator intervention such as a shutdown or a cancelled statement, insufficient resources), as
 * opposed to a statement it refused.
 */
const UNAVAILABLE_CLASSES = ["08", "53", "57"];
/** What `pg` and Node say when the connection is gone or never came. */
const UNREACHABLE =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|Connection terminated|not queryable|timeout exceeded when trying to connect/;

/** The error callers see: the database's own when it refused the statement, else unavailable. */
export function storeFailure(error: unknown): unknown {
  if (error instanceof pg.DatabaseError) {
    // 57014: cancelled, here by statement_timeout.
    if (error.code === "57014") return new StoreUnavailableError("timeout", { cause: error });
    const sqlClass = error.code?.slice(0, 2) ?? "";
    return UNAVAILABLE_CLASSES.includes(sqlClass)
      ? new StoreUnavailableError("unreachable", { cause: error })
      : error;
  }
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (message === "Query read timeout") return new StoreUnavailableError("timeout", { cause: error });
  if (UNREACHABLE.test(`${code} ${message}`))
    return new StoreUnavailableError("unreachable", { cause: error });
  return error;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storeFailure(error);
  }
}

/** A checked-out connection that dies emits `error` on itself; the query in flight fails with it already. */
const ignoreCheckedOutError = () => undefined;

/** Statements on one client: the pool's, or a transaction's own, where a nested transaction joins it. */
function runnerOn(client: pg.Pool | pg.PoolClient, transaction: SqlRunner["transaction"]): SqlRunner {
  return {
    all(sql, params: readonly SqlValue[] = []) {
      return guarded(async () => (await client.query(numbered(sql), params as unknown[])).rows as SqlRow[]);
    },
    async run(sql, params: readonly SqlValue[] = []) {
      await guarded(() => client.query(numbered(sql), params as unknown[]));
    },
    transaction,
  };
}

/**
 * A transaction takes a client out of the pool for itself until it commits or rolls back: nothing else
 * runs on that connection meanwhile, and what runs outside it goes through other connections.
 */
function poolRunner(pool: pg.Pool): SqlRunner {
  return runnerOn(pool, async (work) => {
    const tx = await guarded(() => pool.connect());
    tx.on("error", ignoreCheckedOutError);
    let failure: unknown;
    try {
      await guarded(() => tx.query("BEGIN"));
      const own: SqlRunner = runnerOn(tx, (nested) => nested(own));
      const result = await work(own);
      await guarded(() => tx.query("COMMIT"));
      return result;
    } catch (error) {
      failure = error;
      await tx.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      tx.off("error", ignoreCheckedOutError);
      // A connection that failed mid-transaction is closed rather than handed to the next caller.
      tx.release(failure instanceof StoreUnavailableError);
    }
  });
}

export class PostgresStore extends SqlConsultationStore {
  readonly #pool: pg.Pool;
  readonly #sql: SqlRunner;
  readonly #seal: BallotSeal;

  private constructor(pool: pg.Pool, seal: BallotSeal) {
    super();
    this.#pool = pool;
    this.#sql = poolRunner(pool);
    this.#seal = seal;
  }

  /** Connects and brings the schema up to date (one migration at a time, under an advisory lock). */
  static async connect(url: string, timeouts: DatabaseTimeouts, seal: BallotSeal): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: timeouts.connectMs,
      // The server cancels a statement that runs too long (a lock held elsewhere); the read timeout,
      // a little later, covers a server that no longer answers at all (a machine gone, a cut network).
      statement_timeout: timeouts.statementMs,
      query_timeout: timeouts.statementMs + 1000,
    });
    // A restart or failover (or the end of a test's cluster) terminates idle pooled connections; unheard,
    // that error would end the process. The pool drops them and opens new ones when the database is back.
    pool.on("error", (error) => {
      serverLog.warn("PostgreSQL closed an idle connection:", error.message);
    });
    const store = new PostgresStore(pool, seal);
    const from = await store.#migrate();
    // Ballots from before the sealed ballot box sat beside their voters, written by the same
    // transaction; converted, their old rows are dead tuples still in the pages until rewritten.
    if (from > 0 && from < SEALED_BALLOT_BOX_VERSION) await store.scrub();
    return store;
  }

  protected runner(): SqlRunner {
    return this.#sql;
  }

  protected ballotSeal(): BallotSeal {
    return this.#seal;
  }

  /** Brings the schema up to date; returns the version it found. */
  async #migrate(): Promise<number> {
    const client = await this.#pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(727001)");
      await client.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      const rows = (await client.query("SELECT version FROM schema_version")).rows as { version: number }[];
      let version = rows[0]?.version ?? 0;
      const found = version;
      if (rows.length === 0) await client.query("INSERT INTO schema_version (version) VALUES (0)");
      for (; version < MIGRATIONS.length; version++) {
        await client.query("BEGIN");
        try {
          const migration = MIGRATIONS[version] as Migration;
          if (typeof migration === "string") await client.query(migration);
          else {
            const own: SqlRunner = runnerOn(client, (nested) => nested(own));
            await migration(own, this.#seal);
          }
          await client.query("UPDATE schema_version SET version = $1", [version + 1]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
      return found;
    } finally {
      await client.query("SELECT pg_advisory_unlock(727001)").catch(() => undefined);
      client.release();
    }
  }

  protected isDuplicateJoinCode(error: unknown): boolean {
    return (error as { constraint?: unknown }).constraint === "consultations_join_code_key";
  }

  /**
   * Rewrites the tables a purge deletes from (VACUUM FULL: new files, old ones removed), so that no
   * purged row is left in a table's pages as a dead tuple or as free space's old bytes. It locks each
   * table while it is rewritten: the daily purge runs it only when it purged something.
   */
  async scrub(): Promise<void> {
    // Rewriting a table with megabytes of slides may take longer than one statement is allowed to
    // (DATABASE_STATEMENT_TIMEOUT_MS): this runs without that limit, on a connection of its own, which
    // is closed after rather than handed back to the pool with its setting.
    const client = await guarded(() => this.#pool.connect());
    try {
      await guarded(() => client.query("SET statement_timeout = 0"));
      for (const table of SCRUBBED_TABLES)
        await guarded(() => client.query(longQuery(`VACUUM FULL ${table}`)));
    } finally {
      client.release(true);
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
