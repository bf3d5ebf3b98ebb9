import pg from "pg";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../server/config.ts";
import { storeFailure } from "../../server/store/postgres-store.ts";
import { StoreUnavailableError } from "../../server/store/store-unavailable.ts";

function databaseError(code: string): pg.DatabaseError {
  const error = new pg.DatabaseError("from the server", 0, "error");
  error.code = code;
  return error;
}

describe("PostgreSQL failures", () => {
  it("are unavailability when the database is going away, unreachable or too slow", () => {
    const cases: [unknown, RegExp][] = [
      [databaseError("57P01"), /cannot be reached/], // terminating connection due to administrator command
      [databaseError("57P03"), /cannot be reached/], // the database system is starting up
      [databaseError("08006"), /cannot be reached/],
      [databaseError("53300"), /cannot be reached/], // too many connections
      [databaseError("57014"), /did not answer in time/], // statement_timeout
      [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }), /reached/],
      [new Error("Connection terminated unexpectedly"), /cannot be reached/],
      [new Error("timeout exceeded when trying to connect"), /cannot be reached/],
      [new Error("Query read timeout"), /did not answer in time/],
    ];
    for (const [error, message] of cases) {
      const failure = storeFailure(error);
      expect(failure, String(error)).toBeInstanceOf(StoreUnavailableError);
      expect((failure as StoreUnavailableError).code).toBe("service_unavailable");
      expect((failure as Error).message).toMatch(message);
    }
  });

  it("stay the database's own when it refused the statement", () => {
    for (const error of [databaseError("23505"), databaseError("42601"), new Error("a bug")]) {
      expect(storeFailure(error)).toBe(error);
    }
  });
});

describe("database timeouts", () => {
  it("default to 5 s to connect and 10 s per statement, and refuse nonsense naming the variable", () => {
    expect(readConfig({}).databaseTimeouts).toEqual({ connectMs: 5000, statementMs: 10_000 });
    expect(
      readConfig({ DATABASE_CONNECT_TIMEOUT_MS: "800", DATABASE_STATEMENT_TIMEOUT_MS: "2500" })
        .databaseTimeouts,
    ).toEqual({ connectMs: 800, statementMs: 2500 });
    expect(() => readConfig({ DATABASE_CONNECT_TIMEOUT_MS: "0" })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/);
    expect(() => readConfig({ DATABASE_STATEMENT_TIMEOUT_MS: "ten" })).toThrow(
      /DATABASE_STATEMENT_TIMEOUT_MS/,
    );
  });
});
