/**
 * docs/privacy.md's data inventory against the schema a store really creates, both ways: every column
 * of every table is listed with what it holds, whether it is personal and when it is purged, and the
 * inventory lists nothing the schema lacks; so are the kinds of consultation documents, and the kinds
 * the inventory says retention deletes are the ones the purge deletes. SQLite and PostgreSQL share
 * the schema (server/store/sql-schema.ts); a fresh SQLite store is read here.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { BallotSeal } from "../../server/store/ballot-seal.ts";
import { DOCUMENT_KINDS } from "../../server/store/method-records.ts";
import { PERSONAL_DOCUMENTS } from "../../server/store/sql-method-records.ts";
import { SqliteStore } from "../../server/store/sqlite-store.ts";

const dir = mkdtempSync(path.join(tmpdir(), "plenum-inventory-"));
const doc = readFileSync(path.resolve(import.meta.dirname, "../../docs/privacy.md"), "utf8");

/** The rows of the Markdown tables in the inventory section, as cells without their backticks. */
function inventoryRows(): string[][] {
  const section = doc.slice(doc.indexOf("## Data inventory"));
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) =>
      line
        .slice(1, -1)
        .split(" | ")
        .map((cell) => cell.trim().replaceAll("`", "")),
    );
}

const columns = inventoryRows().filter((row) => row.length === 5);
const kinds = inventoryRows().filter((row) => row.length === 4);

async function schemaColumns(): Promise<string[]> {
  const file = path.join(dir, "plenum.sqlite");
  const store = await SqliteStore.open(file, new BallotSeal("a session secret for the inventory test"));
  await store.close();
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    return tables.flatMap(({ name }) =>
      (db.prepare(`SELECT name FROM pragma_table_info('${name}')`).all() as { name: string }[]).map(
        (column) => `${name}.${column.name}`,
      ),
    );
  } finally {
    db.close();
  }
}

describe("the data inventory in docs/privacy.md", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists every column of every table, and nothing else", async () => {
    const listed = columns.map(([table, column]) => `${table}.${column}`);
    expect(new Set(listed).size, "each column once").toBe(listed.length);
    expect(listed.sort()).toEqual((await schemaColumns()).sort());
  });

  it("says of each column what it holds, whether it is personal, and when it is purged", () => {
    for (const [table, column, holds, personal, purged] of columns) {
      const name = `${table}.${column}`;
      expect(holds, name).not.toBe("");
      expect(["yes", "no", "per kind"], name).toContain(personal);
      expect(purged, name).toMatch(/retention|deletion|close/);
    }
  });

  it("lists every kind of consultation document, and retention deletes the personal ones", () => {
    expect(kinds.map(([kind]) => kind).sort()).toEqual([...DOCUMENT_KINDS].sort());
    for (const [kind, holds, personal] of kinds) {
      expect(holds, kind).not.toBe("");
      expect(["yes", "no"], kind).toContain(personal);
    }
    const personal = kinds.filter(([, , isPersonal]) => isPersonal === "yes").map(([kind]) => kind);
    const purgedAtRetention = kinds.filter(([, , , purged]) => purged === "retention").map(([kind]) => kind);
    expect(personal.sort()).toEqual([...PERSONAL_DOCUMENTS].sort());
    expect(purgedAtRetention.sort()).toEqual([...PERSONAL_DOCUMENTS].sort());
  });
});
