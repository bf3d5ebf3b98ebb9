/**
 * `SqlRunner` over one `node:sqlite` connection. A transaction has the connection to itself: every
 * statement, in a transaction or not, takes the connection's lock, so a plain write from another
 * command never lands inside someone's open transaction (and never goes down with its rollback).
 * The lock is async-mutex's, whose waiters run in the order they asked; statements inside the
 * transaction, and transactions nested in it, run on it directly.
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { Mutex } from "async-mutex";
import type { SqlRow, SqlRunner } from "./sql-method-records.ts";

export function sqliteRunner(db: DatabaseSync): SqlRunner {
  const connection = new Mutex();
  const inTransaction: SqlRunner = {
    async all(sql, params = []) {
      return db.prepare(sql).all(...(params as SQLInputValue[])) as SqlRow[];
    },
    async run(sql, params = []) {
      db.prepare(sql).run(...(params as SQLInputValue[]));
    },
    transaction: (work) => work(inTransaction),
  };
  return {
    all: (sql, params) => connection.runExclusive(() => inTransaction.all(sql, params)),
    run: (sql, params) => connection.runExclusive(() => inTransaction.run(sql, params)),
    transaction: (work) =>
      connection.runExclusive(async () => {
        db.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(inTransaction);
          db.exec("COMMIT");
          return result;
        } catch (error) {
          db.exec("ROLLBACK");
          throw error;
        }
      }),
  };
}
