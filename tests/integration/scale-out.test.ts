/**
 * Several Plenum processes behind one Redis and one PostgreSQL, as in docs/deployment.md: two real
 * server processes on their own ports, real SDK clients entering through either of them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { initializeRoomCache } from "@colyseus/core";
import { TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../server/config.ts";
import { matchmakingFor } from "../../server/rooms/matchmaking.ts";
import type { HealthResponse, JoinResponse, VoiceTokenResponse } from "../../shared/protocol/http-api.ts";
import { freePort } from "../support/free-port.ts";
import { enterHall, type HallRoom, participantIds, waitFor } from "../support/room-clients.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";
import { startPostgres, type TestPostgres } from "../support/test-postgres.ts";
import { startRedis, type TestRedis } from "../support/test-redis.ts";
import { type PlenumApi, plenumApi } from "../support/test-server.ts";

const SESSION_SECRET = "session-secret-shared-by-every-process-0123456789";
const LIVEKIT_KEY = "devkey";
const LIVEKIT_SECRET = "livekit-secret-for-the-scale-out-tests-0123456789";

interface Node {
  readonly process: ServerProcess;
  readonly port: number;
  readonly url: string;
  readonly api: PlenumApi;
}

let redis: TestRedis;
let postgres: TestPostgres;
let env: Record<string, string>;
const dataDirs: string[] = [];
const nodes: Node[] = [];
const started: ServerProcess[] = [];
const rooms: HallRoom[] = [];

/** `pathPrefix` as behind a reverse proxy that routes `/p2/...` to this process and passes the path on. */
async function startNode(env: Record<string, string>, pathPrefix = ""): Promise<Node> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-scale-"));
  dataDirs.push(dataDir);
  const server = await startServerProcess({
    ...env,
    PORT: String(port),
    DATA_DIR: dataDir,
    PUBLIC_ADDRESS: `127.0.0.1:${port}${pathPrefix}`,
  });
  started.push(server);
  const url = `http://127.0.0.1:${port}`;
  return { process: server, port, url, api: plenumApi(url) };
}

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  // Voice tokens need LiveKit settings; nothing listens there, so enforcement calls fail and are logged.
  env = {
    REDIS_URL: redis.url,
    DATABASE_URL: postgres.url,
    SESSION_SECRET,
    LIVEKIT_URL: `ws://127.0.0.1:${await freePort()}`,
    LIVEKIT_API_KEY: LIVEKIT_KEY,
    LIVEKIT_API_SECRET: LIVEKIT_SECRET,
  };
  // One after the other: the first creates the tables, the second finds them.
  nodes.push(await startNode(env));
  nodes.push(await startNode(env, "/p2"));
}, 60_000);

/** Leaves every room entered so far, before the processes that run them stop. */
async function leaveAll(): Promise<void> {
  await Promise.all(rooms.splice(0).map((room) => room.leave(true).catch(() => undefined)));
}

afterAll(async () => {
  await leaveAll();
  await Promise.all(started.map((server) => server.stop()));
  await Promise.all([redis?.stop(), postgres?.stop()]);
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}, 30_000);

function node(index: 0 | 1): Node {
  const found = nodes[index];
  if (!found) throw new Error(`server process ${index} did not start`);
  return found;
}

async function enter(through: Node, join: JoinResponse): Promise<HallRoom> {
  const room = await enterHall(through.url, join);
  rooms.push(room);
  return room;
}

/** The port of the process whose websocket the client ended up on: the process that runs the room. */
function hostPort(room: HallRoom): number {
  return Number(new URL(room.connection.url ?? "").port);
}

/** Two people enter a new consultation at the same moment, one through each process: one room, both in it. */
async function enterAtOnce(one: Node, other: Node, label: string): Promise<void> {
  const consultation = await one.api.createConsultation(label);
  const [first, second] = await Promise.all([
    one.api.join(consultation.joinCode, "Cas"),
    other.api.join(consultation.joinCode, "Dewi"),
  ]);
  const [firstRoom, secondRoom] = await Promise.all([enter(one, first), enter(other, second)]);
  expect(secondRoom.roomId, label).toBe(firstRoom.roomId);
  const both = [first.participantId, second.participantId].sort();
  await waitFor(`${label}: both in the first room`, () => participantIds(firstRoom).join() === both.join());
  await waitFor(`${label}: both in the second room`, () => participantIds(secondRoom).join() === both.join());
}

describe("several Plenum processes sharing Redis and PostgreSQL", () => {
  it("put clients entering one consultation through either process into one room where they see each other", async () => {
    const consultation = await node(0).api.createConsultation("Harbour front");
    const anna = await node(0).api.join(consultation.joinCode, "Anna");
    const bram = await node(1).api.join(consultation.joinCode, "Bram");

    const annaRoom = await enter(node(0), anna);
    const bramRoom = await enter(node(1), bram);

    expect(bramRoom.roomId).toBe(annaRoom.roomId);
    expect(hostPort(bramRoom)).toBe(hostPort(annaRoom));
    const both = [anna.participantId, bram.participantId].sort();
    await waitFor("Anna to see Bram", () => participantIds(annaRoom).join() === both.join());
    await waitFor("Bram to see Anna", () => participantIds(bramRoom).join() === both.join());
  });

  it("make one room when two clients enter a new consultation through both processes at the same moment", async () => {
    for (let round = 0; round < 4; round++) await enterAtOnce(node(0), node(1), `round ${round}`);
  });

  it("spread new consultations over both processes, even when everyone comes in through one", async () => {
    const hosts = new Set<number>();
    for (let index = 0; index < 6; index++) {
      const consultation = await node(0).api.createConsultation(`District ${index}`);
      const join = await node(0).api.join(consultation.joinCode, "Eva");
      const room = await enter(node(0), join);
      hosts.add(hostPort(room));
      // The second process announced a path, as behind a proxy: its clients connect through it.
      const path = new URL(room.connection.url ?? "").pathname;
      expect(path.startsWith("/p2/")).toBe(hostPort(room) === node(1).port);
    }
    expect([...hosts].sort()).toEqual([node(0).port, node(1).port].sort());
    for (const each of nodes) {
      const health = (await (await fetch(`${each.url}/healthz`)).json()) as HealthResponse;
      expect(health.rooms, `rooms in the process on port ${each.port}`).toBeGreaterThan(0);
    }
  });

  it("tell a voice token asked for at either process what the room decided", async () => {
    const consultation = await node(0).api.createConsultation("Quiet square");
    const citizen = await node(0).api.join(consultation.joinCode, "Floor");
    const room = await enter(node(0), citizen);
    await waitFor(
      "the citizen's avatar",
      () => room.state.participants?.get(citizen.participantId) !== undefined,
    );
    const host = hostPort(room);
    const elsewhere = nodes.find((each) => each.port !== host) ?? node(1);

    const response = await fetch(`${elsewhere.url}/api/voice-token`, {
      method: "POST",
      headers: { authorization: `Bearer ${citizen.sessionToken}` },
    });
    const body = (await response.json()) as VoiceTokenResponse;
    if (body.mode !== "livekit") throw new Error(`expected a LiveKit token, got ${JSON.stringify(body)}`);
    const claims = await new TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(body.token);
    // Town-hall mode: a citizen without the floor may not publish, whichever process mints the token.
    expect(claims.video?.canPublish).toBe(false);
  });
});

describe("processes whose join lock gives up at once, as it does when creating a room is slow", () => {
  const lockless: Node[] = [];
  let ownRedis: TestRedis;

  beforeAll(async () => {
    ownRedis = await startRedis();
    // Colyseus makes a second join wait up to half a second for the room the first one is creating;
    // 0 makes it wait for nothing, so only the room list can keep a consultation to one room.
    const noWait = { ...env, REDIS_URL: ownRedis.url, COLYSEUS_MAX_CONCURRENT_CREATE_ROOM_WAIT_TIME: "0" };
    lockless.push(await startNode(noWait), await startNode(noWait));
  }, 60_000);

  afterAll(async () => {
    await leaveAll();
    await Promise.all(lockless.map((each) => each.process.stop()));
    await ownRedis?.stop();
  }, 30_000);

  it("still make one room when two clients enter a new consultation through both at the same moment", async () => {
    const [one, other] = lockless;
    if (!one || !other) throw new Error("the server processes did not start");
    for (let round = 0; round < 8; round++) await enterAtOnce(one, other, `round ${round}`);
  });
});

describe("the Redis room list", () => {
  const config = (redisUrl: string) =>
    readConfig({
      REDIS_URL: redisUrl,
      PUBLIC_ADDRESS: "127.0.0.1:1",
      SESSION_SECRET,
      DATABASE_URL: postgres.url,
    });

  it("keeps the first room recorded under an id and refuses a second one, whichever process sends it", async () => {
    const first = await matchmakingFor(config(redis.url));
    const second = await matchmakingFor(config(redis.url));
    try {
      const listing = (processId: string) =>
        initializeRoomCache({ roomId: "one-consultation", name: "town_hall", processId });
      expect(await first.driver?.insert?.(listing("process-a"))).toBe(true);
      expect(await second.driver?.insert?.(listing("process-b"))).toBe(false);
      expect((await second.driver?.findOne({ roomId: "one-consultation" }))?.processId).toBe("process-a");
      await first.driver?.remove("one-consultation");
    } finally {
      for (const each of [first, second]) {
        each.presence?.shutdown();
        await each.driver?.shutdown();
      }
    }
  });

  it("stops the start with an error naming REDIS_URL when Redis cannot be reached", async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const started = matchmakingFor(config(nowhere));
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow("REDIS_URL");
  });
});
