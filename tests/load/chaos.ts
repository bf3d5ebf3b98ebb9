/**
 * Chaos: `npm run chaos -- [--bots N] [--outage-seconds S]` (default 100 bots, a 30 s outage) runs two
 * Plenum processes sharing Redis, PostgreSQL and a LiveKit server (built by scripts/ensure-livekit-server.sh,
 * posting its webhooks to Plenum), all inside a loopback-only network namespace, with two halls, one in
 * each process, full of bots that vote, post ideas and chat through either process
 * (tests/load/consultation-bots.ts), and a third hall where three headless browsers talk through LiveKit
 * (tests/voice/voice-meeting.ts: Ada listens, Ben and Cleo each play a tone). Then, one at a time:
 * PostgreSQL restarted fast, PostgreSQL stopped for S seconds, Redis restarted, LiveKit killed and started
 * again. For each it checks that the halls go on during the fault (in each bots' hall the facilitator
 * walks and a watcher sees it, a hand goes up and down, the floor stays with its holder; and Ada still
 * hears Ben, except while LiveKit is away) and measures how long after the service's return a write, a
 * join, the health check and Ben's voice at Ada all work again. Afterwards every acknowledged ballot,
 * idea and chat message must be stored exactly once. The last line is one JSON object:
 * { faults, processExits, lostAcks, duplicateBallots, refusedWrites, recoverySecondsMax, bots, errors }.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { setPriority, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Room } from "@colyseus/sdk";
import pg from "pg";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { HealthResponse, JoinResponse, VoiceTokenResponse } from "../../shared/protocol/http-api.ts";
import { freePort } from "../support/free-port.ts";
import { type LiveKitServer, startLiveKitServer } from "../support/livekit-server.ts";
import { commandLine, descendantsOf, threadsOf } from "../support/process-tree.ts";
import { type HallRoom, poseAt } from "../support/room-clients.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";
import { startPostgres } from "../support/test-postgres.ts";
import { startRedis, type TestRedis } from "../support/test-redis.ts";
import {
  assertLoopbackOnly,
  hearBenAndCleo,
  loudness,
  type Meeting,
  startMeeting,
  TONES,
} from "../voice/voice-meeting.ts";
import {
  AckLedger,
  enterAsBot,
  joinAsBot,
  leaveHall,
  openHall,
  runBot,
  runPolls,
} from "./consultation-bots.ts";

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

/** Ben's tone at Ada above this: she hears him (as in the voice suite). */
const HEARD = 0.02;

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
  /** A citizen who holds the floor all along and watches the facilitator walk. */
  readonly watcher: { readonly join: JoinResponse; readonly room: HallRoom };
}

interface FaultReport {
  readonly name: string;
  /** The halls went on while the service was away: poses, hands, the floor, and voice unless LiveKit was away. */
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

/** Longest wait for one thing to stop; a hung one must not keep the others running. */
const CLEANUP_LIMIT_MS = 20_000;

async function cleanUp(): Promise<void> {
  stopping = true;
  for (const cleanup of cleanups.reverse()) {
    await Promise.race([cleanup().catch(() => undefined), sleep(CLEANUP_LIMIT_MS)]);
  }
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}

const hardStop = setTimeout(() => {
  console.error(`chaos: still running after ${HARD_LIMIT_MS / 1000} s; stopping`);
  cleanUp().finally(() => process.exit(1));
}, HARD_LIMIT_MS);
// Whatever fails (a browser that does not get in, a service that does not start), what was started stops.
process.on("uncaughtException", (error) => {
  console.error("chaos: stopped by", error);
  clearTimeout(hardStop);
  cleanUp().finally(() => process.exit(1));
});

assertLoopbackOnly();
const postgres = await startPostgres();
cleanups.push(() => postgres.stop());
let redis: TestRedis = await startRedis();
cleanups.push(() => redis.stop());
const redisPort = Number(new URL(redis.url).port);
const ports = [await freePort(), await freePort()];
// LiveKit posts its webhooks to one process, as it would to a load balancer in front of them.
const webhookUrl = `http://127.0.0.1:${ports[0]}/api/livekit-webhook`;
let liveKit: LiveKitServer = await startLiveKitServer({ webhookUrl });
cleanups.push(() => liveKit.stop());

const env: Record<string, string> = {
  REDIS_URL: redis.url,
  DATABASE_URL: postgres.url,
  SESSION_SECRET: randomBytes(32).toString("hex"),
  DOOR_RATE_LIMIT: "1000000",
  DATABASE_STATEMENT_TIMEOUT_MS: "3000",
  DATABASE_CONNECT_TIMEOUT_MS: "2000",
  LIVEKIT_URL: liveKit.url,
  LIVEKIT_API_KEY: liveKit.apiKey,
  LIVEKIT_API_SECRET: liveKit.apiSecret,
};

async function startNode(port: number): Promise<Node> {
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
const nodes = [await startNode(ports[0] as number), await startNode(ports[1] as number)];
let running = true;
const isRunning = () => running;

/** A hall whose room the facilitator opens through `node`; new rooms go to the less busy process. */
async function hallThrough(node: Node, title: string): Promise<Hall> {
  const opened = await openHall(node.url, title);
  const join = await joinAsBot(node.url, { joinCode: opened.joinCode }, "Watcher");
  const watcher = { join, room: (await enterAsBot(node.url, join)) as HallRoom };
  opened.room.send("give_floor", { participantId: join.participantId });
  for (let waited = 0; opened.room.state.floor?.holderId !== join.participantId; waited += 50) {
    if (waited > 5000) throw new Error(`chaos: the floor was not given in ${title}`);
    await sleep(50);
  }
  const ledger = new AckLedger({ refusals: new Set(["service_unavailable"]) });
  return { ...opened, ledger, node, watcher };
}

const halls = [
  await hallThrough(nodes[0] as Node, "North ward"),
  await hallThrough(nodes[1] as Node, "South ward"),
];
cleanups.push(async () => {
  await Promise.all(halls.map((hall) => leaveHall(hall.watcher.room)));
});
const hostPorts = halls.map((hall) => new URL(hall.room.connection.url ?? "").port);
const meeting: Meeting = await startMeeting({ url: (nodes[0] as Node).url, stop: async () => undefined });
cleanups.push(() => meeting.close());

/** Nice value of the browsers: below the servers', whose CPU they share here and never would for real. */
const BROWSER_NICE = 10;

/**
 * The browsers stand in for people's own devices. Chromium raises its renderers to nice 0, above
 * everything this run starts at its own priority, so on a shared machine they took the CPU the Plenum
 * processes, LiveKit and the bots needed. Each of their threads is set below; called again at each
 * fault, for the threads started since.
 */
function lowerBrowsers(): void {
  for (const pid of descendantsOf(String(process.pid))) {
    if (!commandLine(pid).includes("chromium")) continue;
    for (const tid of threadsOf(pid)) {
      try {
        setPriority(Number(tid), BROWSER_NICE);
      } catch {
        // The thread ended meanwhile.
      }
    }
  }
}
lowerBrowsers();
await hearBenAndCleo(meeting, "chaos: voice before the faults");
console.log(
  `chaos: ${botCount} bots, two processes (${nodes.map((node) => node.url).join(", ")}), halls hosted on ports ${hostPorts.join(" and ")}, three voices through LiveKit`,
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

const waitFor = async (check: () => boolean | Promise<boolean>, timeoutMs = 5000) => {
  for (const started = performance.now(); performance.now() - started < timeoutMs; await sleep(50)) {
    if (await check()) return true;
  }
  return false;
};

const benHeardAtAda = async () => (await loudness(meeting.people.ada.page, TONES.ben)) > HEARD;

let steps = 0;
/**
 * What each hall keeps without the store: the facilitator walks and the watcher sees it, the
 * facilitator's hand goes up and down, the floor stays with the watcher; and Ada hears Ben, unless
 * `voiceAway` (LiveKit is the service taken away).
 */
async function hallsRespond(voiceAway: boolean): Promise<boolean> {
  const results = await Promise.all(
    halls.map(async (hall) => {
      const leadId = hall.lead.participantId;
      const seen = () => hall.watcher.room.state.participants.get(leadId)?.coarse;
      const before = seen();
      hall.room.send("pose", poseAt(-5 + (++steps % 10), 1.6, 6));
      const walked = await waitFor(() => seen() !== before);
      const queue = () => [...(hall.room.state.speakingQueue ?? [])] as string[];
      hall.room.send("raise_hand", {});
      const raised = await waitFor(() => queue().includes(leadId));
      hall.room.send("lower_hand", {});
      const lowered = await waitFor(() => !queue().includes(leadId));
      const floorKept = hall.room.state.floor.holderId === hall.watcher.join.participantId;
      if (!(walked && raised && lowered && floorKept))
        console.error(
          `chaos: hall ${hall.joinCode}: walked ${walked}, hand ${raised}/${lowered}, floor ${floorKept}`,
        );
      return walked && raised && lowered && floorKept;
    }),
  );
  const voiceWentOn = voiceAway || (await waitFor(benHeardAtAda));
  if (!voiceWentOn) console.error("chaos: Ada stopped hearing Ben");
  return results.every(Boolean) && voiceWentOn;
}

/** A write in each hall, a fresh join through each process, every health check as wanted, and Ben heard at Ada. */
async function everythingWorks(): Promise<boolean> {
  if (!(await benHeardAtAda())) return false;
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
      const response = await fetch(`${node.url}/api/voice-token`, {
        method: "POST",
        headers: { authorization: `Bearer ${join.sessionToken}` },
      });
      if ((((await response.json()) as VoiceTokenResponse).mode ?? "") !== "livekit") return false;
    } catch {
      return false;
    }
    const checked = await health(node);
    const dependencies = checked.body?.dependencies;
    if (checked.status !== 200 || dependencies?.store !== "ok" || dependencies.redis !== "ok") return false;
    if (dependencies.livekit !== "ok") return false;
  }
  return true;
}

async function recoverySince(returnedAt: number): Promise<number | null> {
  while (performance.now() - returnedAt < RECOVERY_LIMIT_MS) {
    if (await everythingWorks().catch(() => false)) return seconds(performance.now() - returnedAt);
    await sleep(250);
  }
  return null;
}

/** Runs one fault: `breakIt` takes the service away for `awayMs`, `restore` brings it back. */
async function fault(
  name: string,
  breakIt: () => Promise<void>,
  restore: () => Promise<void>,
  awayMs: number,
  voiceAway = false,
): Promise<FaultReport> {
  console.log(`chaos: ${name}`);
  lowerBrowsers();
  await breakIt();
  const awayUntil = performance.now() + awayMs;
  const healthDuring = await Promise.all(nodes.map(async (node) => (await health(node)).status));
  const hallsWentOn = await hallsRespond(voiceAway);
  const left = awayUntil - performance.now();
  if (left > 0) await sleep(left);
  await restore();
  const recoverySeconds = await recoverySince(performance.now());
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
    () => postgres.restart(),
    async () => undefined,
    0,
  ),
);
faults.push(
  await fault(
    `PostgreSQL stopped for ${outageSeconds} s`,
    () => postgres.pause(),
    () => postgres.resume(),
    outageSeconds * 1000,
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
  ),
);
faults.push(
  await fault(
    "LiveKit killed and started again",
    () => liveKit.kill(),
    async () => {
      liveKit = await startLiveKitServer({ webhookUrl });
    },
    3000,
    true,
  ),
);

await sleep(SETTLE_MS);
running = false;
await Promise.all(work);
await Promise.all(halls.map((hall) => leaveHall(hall.room)));

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
