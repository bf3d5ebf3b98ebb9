/**
 * A real scrape of `GET /metrics` while people are in a hall, read back with a Prometheus text-format
 * parser: the halls, the people by role and device, joins, leaves, drops, refusals, command and store
 * times, the patch histograms, the voice mode and Node's own metrics are there, and nothing that names
 * or leads to a person. The metrics port answers anyone on it; the public port only a caller with the
 * metrics token. Redis (real, stopped and started again) and LiveKit are reported up or down.
 */
import { createServer } from "node:http";
import { CloseCode } from "@colyseus/sdk";
import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import { freePort } from "../support/free-port.ts";
import { collectErrors, enterHall, type HallRoom, poseAt, waitFor } from "../support/room-clients.ts";
import { startPostgres, type TestPostgres } from "../support/test-postgres.ts";
import { startRedis, type TestRedis } from "../support/test-redis.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const TOKEN = "scrape-token-for-the-metrics-suite";
const CANARY = "Canary Vandermeulen";
const TITLE = "Canary title of the metrics suite";

function family(families: ParsedFamily[], name: string): ParsedFamily {
  const found = families.find((each) => each.name === name);
  if (!found) throw new Error(`no ${name} in the scrape`);
  return found;
}

/** A histogram's `_count` for one command, read off its line (the parser folds a histogram's label sets). */
function commandCount(text: string, command: string): number {
  const line = new RegExp(`^plenum_command_seconds_count\\{command="${command}"\\} (\\d+)$`, "m").exec(text);
  return Number(line?.[1] ?? 0);
}

function sample(families: ParsedFamily[], name: string, labels: Record<string, string> = {}): number {
  const found = family(families, name).metrics.find((metric) =>
    Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value),
  );
  if (!found) throw new Error(`no ${name} with ${JSON.stringify(labels)}`);
  return Number(found.value ?? found.count);
}

describe("metrics", () => {
  let server: TestServer;
  let metricsPort: number;
  const rooms: HallRoom[] = [];

  beforeAll(async () => {
    metricsPort = await freePort();
    server = await startTestServer({ METRICS_PORT: String(metricsPort), METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await Promise.all(rooms.map((room) => room.leave().catch(() => undefined)));
    await server.stop();
  });

  async function scrape(): Promise<{ text: string; families: ParsedFamily[] }> {
    const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const text = await response.text();
    return { text, families: parsePrometheusTextFormat(text) };
  }

  it("counts the hall, its people and what they did, and names nobody", async () => {
    const created = await server.createConsultation(TITLE);
    const lead = await server.joinAsFacilitator(created.facilitatorKey, "Facilitator Fien");
    const citizen = await server.join(created.joinCode, CANARY);
    const leaver = await server.join(created.joinCode, "Leaving Lode");
    const dropper = await server.join(created.joinCode, "Dropping Dirk");
    const leadRoom = await enterHall(server.url, lead, { device: "headset" });
    const citizenRoom = await enterHall(server.url, citizen, { device: "phone" });
    const leaverRoom = await enterHall(server.url, leaver);
    const dropperRoom = await enterHall(server.url, dropper, { device: "headset" });
    rooms.push(leadRoom, citizenRoom, dropperRoom);
    const errors = collectErrors(citizenRoom);
    // Accepted and refused commands, as messages and as requests, all through the room's pipeline.
    citizenRoom.send("no_such_message", {});
    citizenRoom.send("mute_all", {});
    citizenRoom.send("sit", { seat: "front row" });
    citizenRoom.send("raise_hand", {});
    citizenRoom.send("pose", poseAt(0, 1.6, 4));
    const answer = (await citizenRoom.request("chat_send", {
      text: "Hello from the canary",
    })) as MethodAnswer;
    expect(answer.ok).toBe(true);
    const refusedRequest = (await citizenRoom.request("agenda_next", {})) as MethodAnswer;
    expect(refusedRequest.ok).toBe(false);
    await waitFor("the refusals", () => errors.length === 4);
    expect(errors.map((error) => error.code).sort()).toEqual([
      "invalid_message",
      "not_allowed",
      "not_allowed",
      "unknown_message",
    ]);
    await waitFor(
      "the raised hand",
      () => leadRoom.state.participants.get(citizen.participantId)?.handRaised === true,
    );
    await leaverRoom.leave();
    await waitFor("the leaver to be gone", () => leadRoom.state.participants.size === 3);
    // Lost without leaving, as when a headset sleeps: a drop, the seat held, and the SDK comes back by
    // itself (as the web client does, also in the first seconds); coming back is not a new join.
    dropperRoom.reconnection.minUptime = 0;
    dropperRoom.reconnection.maxDelay = 500;
    const dropperState = () => leadRoom.state.participants.get(dropper.participantId)?.connection;
    dropperRoom.connection.close(CloseCode.MAY_TRY_RECONNECT, "offline");
    await waitFor("the drop to be seen", () => dropperState() === "reconnecting");
    await waitFor("the dropper back", () => dropperState() === "connected", 5_000);

    const { text, families } = await scrape();
    expect(sample(families, "plenum_halls")).toBe(1);
    expect(sample(families, "plenum_participants", { role: "facilitator", device: "headset" })).toBe(1);
    expect(sample(families, "plenum_participants", { role: "citizen", device: "phone" })).toBe(1);
    expect(sample(families, "plenum_participants", { role: "citizen", device: "desktop" })).toBe(0);
    expect(sample(families, "plenum_participants", { role: "citizen", device: "headset" })).toBe(1);
    expect(sample(families, "plenum_hall_joins_total")).toBe(4);
    expect(sample(families, "plenum_hall_leaves_total")).toBe(1);
    expect(sample(families, "plenum_hall_drops_total")).toBe(1);
    // Every refusal the pipeline answered, by its code: an unknown type, a message and a request the
    // citizen's role does not allow, and a message that does not pass its schema.
    expect(sample(families, "plenum_command_refusals_total", { code: "unknown_message" })).toBe(1);
    expect(sample(families, "plenum_command_refusals_total", { code: "not_allowed" })).toBe(2);
    expect(sample(families, "plenum_command_refusals_total", { code: "invalid_message" })).toBe(1);
    expect(family(families, "plenum_command_seconds").type).toBe("HISTOGRAM");
    // Every command is timed, accepted or refused: messages, requests and the room's own commands.
    expect(commandCount(text, "chat_send")).toBe(1);
    expect(commandCount(text, "raise_hand")).toBe(1);
    expect(commandCount(text, "agenda_next")).toBe(1);
    expect(commandCount(text, "mute_all")).toBe(1);
    expect(commandCount(text, "sit")).toBe(1);
    expect(commandCount(text, "other")).toBe(1);
    expect(commandCount(text, "pose")).toBeGreaterThanOrEqual(1);
    expect(commandCount(text, "join")).toBe(4);
    expect(commandCount(text, "leave")).toBe(1);
    expect(commandCount(text, "drop")).toBe(1);
    expect(commandCount(text, "reconnect")).toBe(1);
    expect(sample(families, "plenum_hall_patch_seconds")).toBeGreaterThan(0);
    expect(sample(families, "plenum_hall_patch_bytes")).toBeGreaterThan(0);
    const patchBytes = family(families, "plenum_hall_patch_bytes").metrics[0];
    expect(Number(patchBytes?.sum)).toBeGreaterThan(0);
    expect(text).toMatch(/^plenum_store_query_seconds_count\{operation="addChatMessage"\} 1$/m);
    expect(family(families, "plenum_store_errors_total").metrics).toEqual([]);
    expect(sample(families, "plenum_voice_mode", { mode: "mesh" })).toBe(1);
    // Neither Redis nor LiveKit is configured here: no series claims they are down.
    expect(family(families, "plenum_dependency_up").metrics).toEqual([]);
    expect(sample(families, "plenum_process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sample(families, "plenum_nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);

    for (const secret of [
      CANARY,
      "Fien",
      "Lode",
      "Dirk",
      TITLE,
      created.id,
      created.joinCode,
      citizen.participantId,
    ])
      expect(text, secret).not.toContain(secret);
  });

  it("answers on the public port only to the metrics token", async () => {
    const url = `${server.url}/metrics`;
    const without = await fetch(url);
    expect(without.status).toBe(401);
    expect(((await without.json()) as { error: { code: string } }).error.code).toBe("invalid_metrics_token");
    const wrong = await fetch(url, { headers: { authorization: `Bearer ${TOKEN.slice(1)}x` } });
    expect(wrong.status).toBe(401);
    const right = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(parsePrometheusTextFormat(await right.text()).map((each) => each.name)).toContain("plenum_halls");
  });

  it("has no metrics on the public port without a token", async () => {
    const plain = await startTestServer();
    try {
      const response = await fetch(`${plain.url}/metrics`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    } finally {
      await plain.stop();
    }
  });
});

describe("metrics of the services a process leans on", () => {
  let redis: TestRedis;
  let postgres: TestPostgres;
  let server: TestServer | undefined;
  let metricsPort: number;

  beforeAll(async () => {
    [redis, postgres, metricsPort] = await Promise.all([startRedis(), startPostgres(), freePort()]);
  });
  afterAll(async () => {
    await server?.stop();
    await Promise.all([redis.stop(), postgres.stop()]);
  });

  async function up(): Promise<Record<string, number>> {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const found = family(parsePrometheusTextFormat(text), "plenum_dependency_up").metrics;
    return Object.fromEntries(found.map((metric) => [metric.labels?.dependency, Number(metric.value)]));
  }

  /** Scrapes until Redis's figure is `expected` (ioredis notices a lost connection within a second or so). */
  async function redisSettlesAt(expected: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while ((await up()).redis !== expected && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await up()).redis).toBe(expected);
  }

  it("tells whether Redis and LiveKit answer, and that voice goes through LiveKit", async () => {
    const port = await freePort();
    // LiveKit's health is a 200 at its HTTP root; this loopback stand-in answers the same way, then goes
    // away. (The real LiveKit server is kept for the voice suite, which owns its fixed ports.)
    const liveKitPort = await freePort();
    const liveKit = createServer((_req, res) => res.end("OK"));
    await new Promise<void>((resolve) => liveKit.listen(liveKitPort, "127.0.0.1", resolve));
    server = await startTestServer({
      METRICS_PORT: String(metricsPort),
      REDIS_URL: redis.url,
      DATABASE_URL: postgres.url,
      SESSION_SECRET: "session-secret-of-the-metrics-suite-0123456789",
      PORT: String(port),
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      LIVEKIT_URL: `ws://127.0.0.1:${liveKitPort}`,
      LIVEKIT_API_KEY: "devkey",
      LIVEKIT_API_SECRET: "secret",
    });
    expect(await up()).toEqual({ redis: 1, livekit: 1 });
    await new Promise((resolve) => liveKit.close(resolve));
    expect(await up()).toEqual({ redis: 1, livekit: 0 });
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(sample(parsePrometheusTextFormat(text), "plenum_voice_mode", { mode: "livekit" })).toBe(1);

    const redisPort = Number(new URL(redis.url).port);
    await redis.stop();
    await redisSettlesAt(0);
    // Back again, so that the process can take its rooms off Redis when it stops.
    redis = await startRedis(redisPort);
    await redisSettlesAt(1);
  });
});
