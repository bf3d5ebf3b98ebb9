/**
 * What a data protection officer sees who holds the database, and nothing more: no session secret, no
 * server memory. On PostgreSQL every table with `ctid` and `xmin`, and every version of every row that
 * is still in the heap pages (dead tuples included, through `pageinspect`); on SQLite every table read
 * through SQL, and the raw bytes of the database file and of its write-ahead log, split into the
 * commits the log recorded and the bytes each commit changed.
 */
import { readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";

/** One stored version of a row: the live one, or an older (dead) one still on disk. */
export interface RowVersion {
  readonly table: string;
  readonly live: boolean;
  /** Where it sits in its table: PostgreSQL's ctid as block * 2^16 + item; SQLite's scan order. */
  readonly position: number;
  /** PostgreSQL: the transaction that wrote this version. */
  readonly xmin?: number;
  /** Its stored bytes (PostgreSQL: the tuple's raw data; SQLite: the row's values, concatenated). */
  readonly bytes: Buffer;
  /** The row's values by column, for live rows. */
  readonly cells?: Readonly<Record<string, unknown>>;
}

/** SQLite: one transaction as its write-ahead log recorded it. */
export interface WalCommit {
  readonly index: number;
  /** Each page it wrote, with the previous image of the same page in the log (if any). */
  readonly pages: readonly { readonly pageNo: number; readonly image: Buffer; readonly before?: Buffer }[];
}

export interface DatabaseSnapshot {
  readonly engine: "sqlite" | "postgres";
  readonly versions: readonly RowVersion[];
  /** SQLite only: the log's commits, in the order they are in the file. */
  readonly commits: readonly WalCommit[];
  /** SQLite only: the raw bytes of the database file and of its log. */
  readonly raw: readonly Buffer[];
}

function cellBytes(value: unknown): Buffer {
  if (value === null || value === undefined) return Buffer.alloc(0);
  if (value instanceof Uint8Array) return Buffer.from(value);
  return Buffer.from(String(value), "utf8");
}

function rowBytes(row: Readonly<Record<string, unknown>>): Buffer {
  return Buffer.concat(
    Object.values(row).map((value) => Buffer.concat([cellBytes(value), Buffer.from([0])])),
  );
}

/**
 * Splits a SQLite write-ahead log into commits (frames up to one with a database size set). A log that
 * was checkpointed and restarted still holds, after its current frames, the older frames it has not
 * overwritten yet: each run of frames with the same salts is read as its own sequence, oldest first.
 */
export function parseWal(wal: Buffer): WalCommit[] {
  const commits: WalCommit[] = [];
  if (wal.length < 32) return commits;
  const pageSize = wal.readUInt32BE(8);
  const current = wal.readUInt32BE(16);
  const runs: { salt: number; frames: { pageNo: number; commitSize: number; image: Buffer }[] }[] = [];
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    const salt = wal.readUInt32BE(at + 8);
    const frame = {
      pageNo: wal.readUInt32BE(at),
      commitSize: wal.readUInt32BE(at + 4),
      image: wal.subarray(at + 24, at + 24 + pageSize),
    };
    const last = runs.at(-1);
    if (last?.salt === salt) last.frames.push(frame);
    else runs.push({ salt, frames: [frame] });
  }
  // The current run first in the file, older ones after it; salt-1 counts up with each restart.
  const ordered = [...runs].sort((a, b) =>
    a.salt === current ? 1 : b.salt === current ? -1 : a.salt - b.salt,
  );
  for (const run of ordered) {
    const latest = new Map<number, Buffer>();
    let pages: { pageNo: number; image: Buffer; before?: Buffer }[] = [];
    for (const { pageNo, commitSize, image } of run.frames) {
      const before = latest.get(pageNo);
      pages.push(before ? { pageNo, image, before } : { pageNo, image });
      latest.set(pageNo, image);
      if (commitSize !== 0) {
        commits.push({ index: commits.length, pages });
        pages = [];
      }
    }
  }
  return commits;
}

/** The SQLite database at `file` (and `file-wal`), read as it lies on disk. */
export function inspectSqlite(file: string): DatabaseSnapshot {
  const raw = [readFileSync(file)];
  let wal = Buffer.alloc(0);
  try {
    wal = readFileSync(`${file}-wal`);
    raw.push(wal);
  } catch {
    // no log at the moment
  }
  const db = new DatabaseSync(file, { readOnly: true });
  const versions: RowVersion[] = [];
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
      rows.forEach((cells, position) => {
        versions.push({ table: name, live: true, position, bytes: rowBytes(cells), cells });
      });
    }
  } finally {
    db.close();
  }
  return { engine: "sqlite", versions, commits: parseWal(wal), raw };
}

/**
 * The PostgreSQL database at `url`: every table's rows with ctid and xmin, and every tuple still in its
 * heap pages, live or dead (`pageinspect`, which needs a superuser: the inspector's own cluster role).
 */
export async function inspectPostgres(url: string): Promise<DatabaseSnapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const versions: RowVersion[] = [];
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pageinspect");
    const tables = (
      await client.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      )
    ).rows.map((row) => row.tablename);
    const position = (ctid: string) => {
      const [block, item] = ctid.slice(1, -1).split(",").map(Number) as [number, number];
      return block * 65536 + item;
    };
    for (const table of tables) {
      const live = await client.query(`SELECT ctid::text AS "ctid", xmin::text AS "xmin", * FROM "${table}"`);
      const cellsAt = new Map<number, Record<string, unknown>>();
      for (const row of live.rows as Record<string, unknown>[]) {
        const { ctid, xmin: _xmin, ...cells } = row;
        cellsAt.set(position(String(ctid)), cells);
      }
      const tuples = await client.query<{ blk: number; lp: number; t_xmin: string; t_data: Buffer | null }>(
        `SELECT blk, lp, t_xmin::text AS t_xmin, t_data
         FROM generate_series(0, (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int - 1) AS blk,
              heap_page_items(get_raw_page($1::text, blk))
         WHERE lp_flags = 1`,
        [table],
      );
      for (const tuple of tuples.rows) {
        const at = tuple.blk * 65536 + tuple.lp;
        const cells = cellsAt.get(at);
        versions.push({
          table,
          live: cells !== undefined,
          position: at,
          xmin: Number(tuple.t_xmin),
          bytes: tuple.t_data ?? Buffer.alloc(0),
          ...(cells ? { cells } : {}),
        });
      }
    }
  } finally {
    await client.end();
  }
  return { engine: "postgres", versions, commits: [], raw: [] };
}

/**
 * PostgreSQL: the raw pages of every relation that holds the application's data (its tables, their
 * indexes and TOAST tables), free space and dead tuples included.
 */
export async function rawPostgresPages(url: string): Promise<Buffer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pageinspect");
    const relations = (
      await client.query<{ name: string; blocks: number }>(
        `SELECT c.oid::regclass::text AS name,
                (pg_relation_size(c.oid) / current_setting('block_size')::int)::int AS blocks
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'i', 't')
           AND (n.nspname = 'public'
                OR c.oid IN (SELECT reltoastrelid FROM pg_class t JOIN pg_namespace tn ON tn.oid = t.relnamespace WHERE tn.nspname = 'public')
                OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT reltoastrelid FROM pg_class t JOIN pg_namespace tn ON tn.oid = t.relnamespace WHERE tn.nspname = 'public')))`,
      )
    ).rows;
    const pages: Buffer[] = [];
    for (const { name, blocks } of relations)
      for (let block = 0; block < blocks; block++)
        pages.push(
          (await client.query<{ page: Buffer }>("SELECT get_raw_page($1::text, $2) AS page", [name, block]))
            .rows[0]?.page as Buffer,
        );
    return Buffer.concat(pages);
  } finally {
    await client.end();
  }
}
