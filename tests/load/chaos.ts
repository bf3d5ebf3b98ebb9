/**
 * Chaos: `npm run chaos -- [--bots N] [--outage-seconds S]` (default 100 bots, a 30 s outage) runs two
 * Plenum processes sharing Redis and PostgreSQL (and a LiveKit server, when scripts/ensure-livekit-server.sh
 * has built one into .tools/), all on loopback, with two halls, one in each process, full of bots that
 * vote, post ideas and chat through either process (tests/load/consultation-bots.ts). Then, one at a time:
 * PostgreSQL restarted fast, PostgreSQL stopped for S seconds, Redis restarted, LiveKit killed and started
 * again. For each it checks that the halls go on during the fault (the facilitators' raised hands come
 * and go, with no store involved) and measures how long after the service's return a write, a join and
 * the health check work again. Afterwards every acknowledged ballot, idea and chat message must be
 * stored exactly once. The last line is one JSON object:
 * { faults, processExits, lostAcks, duplicateBallots, refusedWrites, recoverySecondsMax, bots, errors }.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Room } from "@colyseus/sdk";
import pg from "pg";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { HealthResponse, JoinResponse, VoiceTokenResponse } from "../../shared/protocol/http-api.ts";
import { freePort } from "../support/free-port.ts";
import { LIVEKIT_BINARY, type LiveKitServer, startLiveKitServer } from "../support/livekit-server.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";
import { startPostgres } from "../support/test-postgres.ts";
import { startRedis, type TestRedis } from "../support/test-redis.ts";
import { AckLedger, enterAsBot, joinAsBot, openHall, runBot, runPolls } from "./consultation-bots.ts";

const { values } = parseArgs({
  options: {
    bots: { type: "string", default: "100" },
    "outage-seconds": { type: "string", default: "30" },
  },
});
const botCount = Number(values.bots);
const outageSeconds = Number(values["outage-seconds"]);
if (!Number.isInteger(botCount) || botCount < 2 || !(outageSeconds > 0 && outageSeconds <= 300)) {
  console.error("usage: npm run chaos -- [--bots N (2 or more)] [--outage-seconds S (up to 300)]");
  process.exit(2);
}

/** Bots settle in before the first fault, and the run settles after the last. */
const WARMUP_MS = 10_000;
const SETTLE_MS = 5_000;
/** Longest wait for anything to work again after a service's return; past it the fault counts as failed. */
const RECOVERY_LIMIT_MS = 60_000;
/** The whole run stops by itself, whatever happens. */
const HARD_LIMIT_MS = 10 * 60_000 + outageSeconds * 1000;
const POLL_EVERY_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => Math.round(ms / 100) / 10;

interface Node {
  readonly url: string;
  readonly process: ServerProcess;
}

interface Hall {
  readonly joinCode: string;
  readonly lead: JoinResponse;
  readonly room: Room;
  readonly ledger: AckLedger;
  readonly node: Node;
}

interface FaultReport {
  readonly name: string;
  /** The halls answered (hands raised and lowered) while the service was away. */
  readonly hallsWentOn: boolean;
  /** What `/healthz` answered on each process while the service was away. */
  readonly healthDuring: number[];
  /** From the service's return until writes, joins and the health check all worked again. */
  readonly recoverySeconds: number | null;
}

const dataDirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;
let processExits = 0;

async function cleanUp(): Promise<void> {
  stopping = true;
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}

const hardStop = setTimeout(() => {
  console.error(`chaos: still running after ${HARD_LIMIT_MS / 1000} s; stopping`);
  cleanUp().finally(() => process.exit(1));
}, HARD_LIMIT_MS);

const postgres = await startPostgres();
cleanups.push(() => postgres.stop());
let redis: TestRedis = await startRedis();
cleanups.push(() => redis.stop());
const redisPort = Number(new URL(redis.url).port);
let liveKit: LiveKitServer | undefined = existsSync(LIVEKIT_BINARY) ? await startLiveKitServer() : undefined;
cleanups.push(async () => liveKit?.stop());

const env: Record<string, string> = {
  REDIS_URL: redis.url,
  DATABASE_URL: postgres.url,
  SESSION_SECRET: randomBytes(32).toString("hex"),
  DOOR_RATE_LIMIT: "1000000",
  DATABASE_STATEMENT_TIMEOUT_MS: "3000",
  DATABASE_CONNECT_TIMEOUT_MS: "2000",
  ...(liveKit
    ? { LIVEKIT_URL: liveKit.url, LIVEKIT_API_KEY: liveKit.apiKey, LIVEKIT_API_SECRET: liveKit.apiSecret }
    : {}),
};

async function startNode(): Promise<Node> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-chaos-"));
  dataDirs.push(dataDir);
  const started = await startServerProcess({
    ...env,
    PORT: String(port),
    DATA_DIR: dataDir,
    PUBLIC_ADDRESS: `127.0.0.1:${port}`,
  });
  started.child.once("exit", (code, signal) => {
    if (stopping) return;
    processExits++;
    console.error(`chaos: the Plenum process on port ${port} exited (${code ?? signal})`);
  });
  cleanups.push(async () => {
    await started.stop();
  });
  return { url: `http://127.0.0.1:${port}`, process: started };
}

// One after the other: the first creates the tables.
const nodes = [await startNode(), await startNode()];
let running = true;
const isRunning = () => running;

/** A hall whose room the facilitator opens through `node`; new rooms go to the less busy process. */
async function hallThrough(node: Node, title: string): Promise<Hall> {
  const opened = await openHall(node.url, title);
  return { ...opened, ledger: new AckLedger({ refusals: new Set(["service_unavailable"]) }), node };
}

const halls = [
  await hallThrough(nodes[0] as Node, "North ward"),
  await hallThrough(nodes[1] as Node, "South ward"),
];
const hostPorts = halls.map((hall) => new URL(hall.room.connection.url ?? "").port);
console.log(
  `chaos: ${botCount} bots, two processes (${nodes.map((node) => node.url).join(", ")}), halls hosted on ports ${hostPorts.join(" and ")}, LiveKit ${liveKit ? "running" : "not built (scripts/ensure-livekit-server.sh)"}`,
);

const work = [
  ...halls.map((hall) => runPolls(hall.room, hall.ledger, isRunning, POLL_EVERY_MS)),
  ...Array.from({ length: botCount }, (_, index) => {
    const hall = halls[index % 2] as Hall;
    // Half of each hall's bots enter through the process that does not host it.
    const node = nodes[Math.floor(index / 2) % 2] as Node;
    return runBot({ index, url: node.url, joinCode: hall.joinCode, running: isRunning }, hall.ledger);
  }),
];

async function health(node: Node): Promise<{ status: number; body?: HealthResponse }> {
  try {
    const response = await fetch(`${node.url}/healthz`, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: (await response.json()) as HealthResponse };
  } catch {
    return { status: 0 };
  }
}

/** Raises and lowers the facilitator's hand in each hall: state the room keeps without the store. */
async function hallsRespond(): Promise<boolean> {
  const waitFor = async (check: () => boolean) => {
    for (let waited = 0; waited < 5000; waited += 50) {
      if (check()) return true;
      await sleep(50);
    }
    return false;
  };
  const results = await Promise.all(
    halls.map(async (hall) => {
      const queue = () => [...(hall.room.state.speakingQueue ?? [])] as string[];
      hall.room.send("raise_hand", {});
      const raised = await waitFor(() => queue().includes(hall.lead.participantId));
      hall.room.send("lower_hand", {});
      return raised && (await waitFor(() => !queue().includes(hall.lead.participantId)));
    }),
  );
  return results.every(Boolean);
}

/** A write in each hall, a fresh join through each process, and every health check as wanted. */
async function everythingWorks(wantLiveKit: boolean): Promise<boolean> {
  for (const hall of halls) {
    const answer = (await hall.room.request("chat_send", { text: "Are we back?" })) as MethodAnswer;
    if (!answer.ok || !answer.messageId) return false;
    hall.ledger.chat.add(answer.messageId);
  }
  for (const [index, node] of nodes.entries()) {
    const hall = halls[(index + 1) % 2] as Hall;
    try {
      const join = await joinAsBot(node.url, { joinCode: hall.joinCode }, "Latecomer");
      const room = await enterAsBot(node.url, join);
      await room.leave(true);
      if (wantLiveKit) {
        const response = await fetch(`${node.url}/api/voice-token`, {
          method: "POST",
          headers: { authorization: `Bearer ${join.sessionToken}` },
        });
        if ((((await response.json()) as VoiceTokenResponse).mode ?? "") !== "livekit") return false;
      }
    } catch {
      return false;
    }
    const checked = await health(node);
    const dependencies = checked.body?.dependencies;
    if (checked.status !== 200 || dependencies?.store !== "ok" || dependencies.redis !== "ok") return false;
    if (wantLiveKit && dependencies.livekit !== "ok") return false;
  }
  return true;
}

async function recoverySince(returnedAt: number, wantLiveKit: boolean): Promise<number | null> {
  while (performance.now() - returnedAt < RECOVERY_LIMIT_MS) {
    if (await everythingWorks(wantLiveKit).catch(() => false)) return seconds(performance.now() - returnedAt);
    await sleep(250);
  }
  return null;
}

/** Runs one fault: `breakIt` takes the service away, `during` waits while it is away, `restore` brings it back. */
async function fault(
  name: string,
  breakIt: () => Promise<void>,
  restore: () => Promise<void>,
  awayMs: number,
  wantLiveKit: boolean,
): Promise<FaultReport> {
  console.log(`chaos: ${name}`);
  await breakIt();
  const awayUntil = performance.now() + awayMs;
  const healthDuring = await Promise.all(nodes.map(async (node) => (await health(node)).status));
  const hallsWentOn = await hallsRespond();
  const left = awayUntil - performance.now();
  if (left > 0) await sleep(left);
  await restore();
  const recoverySeconds = await recoverySince(performance.now(), wantLiveKit);
  console.log(
    `chaos: ${name}: halls went on ${hallsWentOn}, /healthz ${healthDuring.join(",")}, back after ${recoverySeconds ?? "never"} s`,
  );
  await sleep(SETTLE_MS);
  return { name, hallsWentOn, healthDuring, recoverySeconds };
}

await sleep(WARMUP_MS);
const faults: FaultReport[] = [];
faults.push(
  await fault(
    "PostgreSQL restarted fast",
    async () => postgres.restart(),
    async () => undefined,
    0,
    liveKit !== undefined,
  ),
);
faults.push(
  await fault(
    `PostgreSQL stopped for ${outageSeconds} s`,
    async () => postgres.pause(),
    async () => postgres.resume(),
    outageSeconds * 1000,
    liveKit !== undefined,
  ),
);
faults.push(
  await fault(
    "Redis restarted",
    () => redis.stop(),
    async () => {
      redis = await startRedis(redisPort);
    },
    1000,
    liveKit !== undefined,
  ),
);
if (liveKit) {
  faults.push(
    await fault(
      "LiveKit killed and started again",
      async () => liveKit?.kill(),
      async () => {
        liveKit = await startLiveKitServer();
      },
      3000,
      true,
    ),
  );
}

await sleep(SETTLE_MS);
running = false;
await Promise.all(work);
await Promise.all(halls.map((hall) => hall.room.leave(true).catch(() => undefined)));

const db = new pg.Client({ connectionString: postgres.url });
await db.connect();
let lostAcks = 0;
let duplicateBallots = 0;
for (const hall of halls) {
  const audited = await hall.ledger.audit(async (sql, params) => {
    let n = 0;
    return (
      await db.query(
        sql.replace(/\?/g, () => `$${++n}`),
        [...params],
      )
    ).rows;
  });
  lostAcks += audited.lostAcks;
  duplicateBallots += audited.duplicateBallots;
}
await db.end();
clearTimeout(hardStop);
await cleanUp();

const recoveries = faults.map((each) => each.recoverySeconds);
const summary = {
  faults,
  processExits,
  lostAcks,
  duplicateBallots,
  refusedWrites: halls.reduce((sum, hall) => sum + hall.ledger.refusedWrites, 0),
  recoverySecondsMax: recoveries.includes(null) ? null : Math.max(...(recoveries as number[])),
  bots: botCount,
  errors: halls.reduce((sum, hall) => sum + hall.ledger.errors, 0),
};
console.log(JSON.stringify(summary));
const healthy =
  processExits === 0 &&
  lostAcks === 0 &&
  duplicateBallots === 0 &&
  faults.every((each) => each.hallsWentOn && each.recoverySeconds !== null && each.recoverySeconds <= 10);
process.exit(healthy ? 0 : 1);
