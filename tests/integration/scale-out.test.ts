/**
 * Several Plenum processes behind one Redis and one PostgreSQL, as in docs/deployment.md: two real
 * server processes on their own ports, real SDK clients entering through either of them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { initializeRoomCache } from "@colyseus/core";
import { Redis } from "ioredis";
import { TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../server/config.ts";
import { matchmakingFor } from "../../server/rooms/matchmaking.ts";
import {
  type CreateConsultationResponse,
  type HealthResponse,
  type JoinResponse,
  ROOM_NAME,
  type VoiceTokenResponse,
} from "../../shared/protocol/http-api.ts";
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

/** The configuration of a process that only reads and writes the room list (it serves nothing). */
function config(redisUrl: string) {
  return readConfig({
    REDIS_URL: redisUrl,
    PUBLIC_ADDRESS: "127.0.0.1:1",
    SESSION_SECRET,
    DATABASE_URL: postgres.url,
  });
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

/** The matchmaking request a browser sends to enter the hall, as the SDK sends it (`join` never opens a room). */
function matchmake(through: Node, join: JoinResponse, method: "joinOrCreate" | "join" = "joinOrCreate") {
  return fetch(`${through.url}/matchmake/${method}/${ROOM_NAME}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ consultationId: join.consultationId, sessionToken: join.sessionToken }),
  });
}

/** Two processes of a describe block's own, on a Redis of its own that a test may stop and start again. */
interface OwnPair {
  readonly nodes: Node[];
  redis: TestRedis;
}

/** Starts an `OwnPair` before the enclosing describe block's tests and stops it after them. */
function ownPair(extraEnv: Record<string, string> = {}): OwnPair {
  const pair: { nodes: Node[]; redis?: TestRedis } = { nodes: [] };
  beforeAll(async () => {
    pair.redis = await startRedis();
    const own = { ...env, ...extraEnv, REDIS_URL: pair.redis.url };
    pair.nodes.push(await startNode(own), await startNode(own));
  }, 60_000);
  afterAll(async () => {
    await leaveAll();
    await Promise.all(pair.nodes.map((each) => each.process.stop()));
    await pair.redis?.stop();
  }, 30_000);
  return pair as OwnPair;
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
  // Colyseus makes a second join wait up to half a second for the room the first one is creating;
  // 0 makes it wait for nothing, so only the room list can keep a consultation to one room.
  const lockless = ownPair({ COLYSEUS_MAX_CONCURRENT_CREATE_ROOM_WAIT_TIME: "0" });

  it("still make one room when two clients enter a new consultation through both at the same moment", async () => {
    const [one, other] = lockless.nodes;
    if (!one || !other) throw new Error("the server processes did not start");
    for (let round = 0; round < 8; round++) await enterAtOnce(one, other, `round ${round}`);
  });
});

describe("Redis going down and coming back", () => {
  const own = ownPair();

  it("refuses joins with service_unavailable while it is down, keeps the halls running, and lets the same sessions in once it is back", async () => {
    const [one, other] = own.nodes;
    if (!one || !other) throw new Error("the server processes did not start");
    const market = await one.api.createConsultation("Market square");
    const annaJoin = await one.api.join(market.joinCode, "Anna");
    const anna = await enter(one, annaJoin);
    const bas = await enter(one, await one.api.join(market.joinCode, "Bas"));
    // A hall where nothing happens during the outage: Redis learns of it again only from its process.
    const dike = await other.api.createConsultation("Dike road");
    const eva = await enter(other, await other.api.join(dike.joinCode, "Eva"));
    const station = await one.api.createConsultation("Station square");

    const redisPort = Number(new URL(own.redis.url).port);
    await own.redis.stop();

    // Admission only needs PostgreSQL; entering the hall needs the room list.
    const late = await other.api.join(station.joinCode, "Cas");
    const asked = performance.now();
    const refused = await matchmake(other, late);
    expect(performance.now() - asked, "a refusal, not a hang").toBeLessThan(5_000);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toContain("application/json");
    expect(((await refused.json()) as { error: string }).error).toMatch(/^service_unavailable: /);
    // The SDK hands the browser the same code, which the join page translates.
    await expect(enterHall(other.url, late)).rejects.toMatchObject({
      code: 503,
      message: expect.stringMatching(/^service_unavailable: /),
    });
    const voice = await fetch(`${other.url}/api/voice-token`, {
      method: "POST",
      headers: { authorization: `Bearer ${late.sessionToken}` },
    });
    expect(voice.status).toBe(503);
    expect(((await voice.json()) as { error: { code: string } }).error.code).toBe("service_unavailable");
    // The process that runs Anna's hall asks it without Redis.
    const annaProcess = own.nodes.find((each) => each.port === hostPort(anna)) ?? one;
    const annaVoice = await fetch(`${annaProcess.url}/api/voice-token`, {
      method: "POST",
      headers: { authorization: `Bearer ${annaJoin.sessionToken}` },
    });
    expect(annaVoice.status).toBe(200);

    // Leaving makes Colyseus write to Redis without waiting for the answer; the failure must not stop the process.
    rooms.splice(rooms.indexOf(bas), 1);
    await bas.leave(true);
    await waitFor("Bas gone from Anna's hall", () => participantIds(anna).length === 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    for (const each of own.nodes) {
      expect(each.process.child.exitCode, `the process on port ${each.port}`).toBeNull();
      const health = (await (await fetch(`${each.url}/healthz`)).json()) as HealthResponse;
      expect(health.status).toBe("ok");
      // Nothing listens at the LiveKit address these processes were given.
      expect(health.dependencies).toEqual({ store: "ok", redis: "unavailable", livekit: "unavailable" });
    }
    expect(anna.connection.isOpen, "Anna still connected").toBe(true);

    // Redis comes back empty, as a restart without persistence does.
    own.redis = await startRedis(redisPort);
    const back = performance.now();
    let cas: HallRoom | undefined;
    while (!cas) {
      if (performance.now() - back > 10_000) throw new Error("joining did not work again within 10 s");
      cas = await enter(other, late).catch(() => undefined);
      if (!cas) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await waitFor("Cas in the station hall", () => participantIds(cas).includes(late.participantId));

    // Both halls kept running in their processes and are listed again: newcomers meet Anna and Eva there.
    for (const [consultation, host] of [
      [market, anna],
      [dike, eva],
    ] as const) {
      const newcomer = await enter(one, await one.api.join(consultation.joinCode, "Dewi"));
      expect(newcomer.roomId).toBe(host.roomId);
      expect(hostPort(newcomer)).toBe(hostPort(host));
      await waitFor(`Dewi with ${consultation.joinCode}'s host`, () => participantIds(newcomer).length === 2);
    }
    for (const each of own.nodes) {
      const health = (await (await fetch(`${each.url}/healthz`)).json()) as HealthResponse;
      expect(health.dependencies.redis, `Redis seen from the process on port ${each.port}`).toBe("ok");
    }
  }, 60_000);
});

describe("rate limits with two processes", () => {
  const own = ownPair({ DOOR_RATE_LIMIT: "10", CREATE_RATE_LIMIT: "3" });

  it("count one address's requests through either process together, in the shared Redis", async () => {
    const [one, other] = own.nodes;
    if (!one || !other) throw new Error("the server processes did not start");
    const create = (through: Node, title: string) =>
      through.api.post<CreateConsultationResponse>("/api/consultations", { title, language: "en" });
    const created = [
      await create(one, "Ward 1"),
      await create(other, "Ward 2"),
      await create(one, "Ward 3"),
      await create(other, "Ward 4"),
    ];
    // Three consultations an hour from this address, however many processes it goes through.
    expect(created.map((each) => each.status)).toEqual([201, 201, 201, 429]);
    const joinCode = created[0]?.body.joinCode;
    const previews: number[] = [];
    for (let i = 0; i < 10; i++)
      previews.push((await (i % 2 === 0 ? one : other).api.post("/api/preview", { joinCode })).status);
    // Ten door requests a minute: the four creations and six of the previews.
    expect(previews).toEqual([...Array(6).fill(200), ...Array(4).fill(429)]);
  });
});

describe("a process that dies without shutting down", () => {
  const own = ownPair();

  it("leaves its consultations joinable: the next join through a survivor drops the stale listing and opens the room there, restored from the database", async () => {
    const [survivor, doomed] = own.nodes;
    if (!survivor || !doomed) throw new Error("the server processes did not start");
    // New rooms go to the less busy process: enter consultations until one opens in the process that will die.
    let hosted: CreateConsultationResponse | undefined;
    for (let attempt = 0; attempt < 6 && !hosted; attempt++) {
      const consultation = await survivor.api.createConsultation(`Canal district ${attempt}`);
      const room = await enter(survivor, await survivor.api.join(consultation.joinCode, "Ida"));
      if (hostPort(room) === doomed.port) hosted = consultation;
    }
    if (!hosted) throw new Error("no room opened in the process that dies");

    doomed.process.child.kill("SIGKILL");
    await new Promise((resolve) => doomed.process.child.once("exit", resolve));
    // Their connections died with the process; leaving would wait for an answer that never comes.
    const orphans = new Set(rooms.filter((each) => hostPort(each) === doomed.port));
    rooms.splice(0, rooms.length, ...rooms.filter((each) => !orphans.has(each)));

    const joined = performance.now();
    const late = await survivor.api.join(hosted.joinCode, "Joris");
    const room = await enter(survivor, late);
    // Colyseus's own check: the seat reservation times out (2 s), a health check of the silent process
    // times out (2 s), its listings are removed and the join is retried, this time creating the room.
    expect(performance.now() - joined).toBeLessThan(15_000);
    expect(hostPort(room)).toBe(survivor.port);
    expect(room.roomId).toBe(hosted.id);
    await waitFor("Joris in the new room", () => participantIds(room).includes(late.participantId));
    // Restored from the database, as after a restart.
    expect(room.state.consultation?.title).toMatch(/^Canal district /);

    const listings = await matchmakingFor(config(own.redis.url));
    try {
      const listing = await listings.driver?.findOne({ roomId: hosted.id });
      expect(listing?.publicAddress).toBe(`127.0.0.1:${survivor.port}`);
      const stale = await listings.driver?.query({ publicAddress: `127.0.0.1:${doomed.port}` });
      expect(stale).toEqual([]);
    } finally {
      listings.presence?.shutdown();
      await listings.driver?.shutdown();
    }
  });
});

describe("a process that is shutting down", () => {
  const own = ownPair();

  it("refuses joins with service_unavailable in a JSON body, so that the browser can say why", async () => {
    const [stopping] = own.nodes;
    if (!stopping) throw new Error("the server process did not start");
    const consultation = await stopping.api.createConsultation("Lock gates");
    const late = await stopping.api.join(consultation.joinCode, "Gijs");
    // Shutting down first takes the process off Redis's list; held up there, it stays in that state a while.
    // Meanwhile only requests that write nothing to Redis are answered, so the probe only looks for a room.
    const admin = new Redis(own.redis.url);
    try {
      await admin.call("CLIENT", "PAUSE", "5000", "WRITE");
      stopping.process.child.kill("SIGTERM");
      let refused: Response | undefined;
      const started = performance.now();
      while (!refused) {
        if (performance.now() - started > 4_000) throw new Error("the process did not start shutting down");
        const answer = await matchmake(stopping, late, "join");
        if (answer.status === 503) refused = answer;
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(refused.headers.get("content-type")).toContain("application/json");
      expect(((await refused.json()) as { error: string }).error).toMatch(/^service_unavailable: /);
      await expect(enterHall(stopping.url, late)).rejects.toMatchObject({
        code: 503,
        message: expect.stringMatching(/^service_unavailable: /),
      });
    } finally {
      await admin.call("CLIENT", "UNPAUSE");
      admin.disconnect();
    }
  });
});

describe("the Redis room list", () => {
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
