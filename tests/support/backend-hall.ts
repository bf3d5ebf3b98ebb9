/**
 * A real server on SQLite or on PostgreSQL for one `describe.each(BACKENDS)` block: started before its
 * tests, stopped after them with every hall client it entered.
 */
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import type { StartOptions } from "../../server/app.ts";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import { enterHall, type HallRoom } from "./room-clients.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "./test-postgres.ts";
import { startTestServer, type TestServer } from "./test-server.ts";

export interface Backend {
  readonly name: "SQLite" | "PostgreSQL";
  readonly available: () => boolean;
}

export const BACKENDS: readonly Backend[] = [
  { name: "SQLite", available: () => true },
  { name: "PostgreSQL", available: postgresAvailable },
];

export interface BackendHall {
  readonly server: TestServer;
  /** PostgreSQL's connection string; undefined on SQLite, whose file is in the server's data folder. */
  readonly databaseUrl: string | undefined;
  /** Enters the hall, ignoring the error and report messages a test does not collect. */
  enter(join: JoinResponse, options?: Record<string, unknown>): Promise<HallRoom>;
  /** Reads the database as someone with it open would: the rows a query answers. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
}

export interface BackendHallOptions {
  /** More configuration, made just before the server starts (a test issuer's address, a chosen port). */
  readonly env?: () => Promise<Record<string, string>>;
  readonly start?: StartOptions;
}

export function hallOnBackend({ name, available }: Backend, options: BackendHallOptions = {}): BackendHall {
  let postgres: TestPostgres | undefined;
  let server: TestServer | undefined;
  const rooms: HallRoom[] = [];

  beforeAll(async () => {
    if (!available()) throw new Error("PostgreSQL is not installed (.ci/run installs it)");
    postgres = name === "PostgreSQL" ? await startPostgres() : undefined;
    const env = { ...(await options.env?.()), ...(postgres ? { DATABASE_URL: postgres.url } : {}) };
    server = await startTestServer(env, options.start);
  });

  afterAll(async () => {
    await Promise.all(
      rooms.map((room) => (room.connection.isOpen ? room.leave().catch(() => undefined) : undefined)),
    );
    await server?.stop();
    await postgres?.stop();
  });

  return {
    get databaseUrl(): string | undefined {
      return postgres?.url;
    },
    get server(): TestServer {
      if (!server) throw new Error("The server starts before the tests.");
      return server;
    },
    async enter(join, options = {}) {
      const room = await enterHall(this.server.url, join, options);
      room.onMessage("report_received", () => undefined);
      room.onMessage("error", () => undefined);
      rooms.push(room);
      return room;
    },
    async rows(sql) {
      if (!postgres) {
        const db = new DatabaseSync(path.join(this.server.dataDir, "plenum.sqlite"), { readOnly: true });
        try {
          return db.prepare(sql).all() as Record<string, unknown>[];
        } finally {
          db.close();
        }
      }
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
  };
}
