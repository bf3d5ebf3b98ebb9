/** `SqlRunner` over a `node:sqlite` connection; transactions wait for one another (one connection). */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import type { SqlRow, SqlRunner } from "./sql-method-records.ts";

export function sqliteRunner(db: DatabaseSync): SqlRunner {
  let queue: Promise<unknown> = Promise.resolve();
  const direct: SqlRunner = {
    async all(sql, params = []) {
      return db.prepare(sql).all(...(params as SQLInputValue[])) as SqlRow[];
    },
    async run(sql, params = []) {
      db.prepare(sql).run(...(params as SQLInputValue[]));
    },
    transaction(work) {
      const next = queue.then(async () => {
        db.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(direct);
          db.exec("COMMIT");
          return result;
        } catch (error) {
          db.exec("ROLLBACK");
          throw error;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
  return direct;
}
