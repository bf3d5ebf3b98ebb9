/**
 * `npm run bench:sync -- --clients N --seconds S`: a real Plenum server in its own process, N headless
 * SDK bots (in worker threads) walking the hall and turning head and hands at 20 Hz, measured for S
 * seconds; then the same bots against the naive baseline room, side by side. Prints a table, then one
 * JSON line with the figures docs/performance.md quotes.
 */
import { type ChildProcess, fork, spawn, spawnSync } from "node:child_process";
import { EventEmitter } from "node:events";
import { parseArgs } from "node:util";
import type { CreateConsultationResponse, JoinResponse } from "../../../shared/protocol/http-api.ts";
import { histogramPercentile, round } from "../stats.ts";
import type { ServerCommand, ServerMetrics, ServerReply } from "./bench-server.ts";
import type { HostCommand, HostReply } from "./bot-host.ts";
import type { BotWorkerData, WorkerCommand, WorkerReply } from "./bot-worker.ts";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "100" },
    seconds: { type: "string", default: "30" },
    "baseline-seconds": { type: "string" },
    workers: { type: "string", default: "2" },
    "bot-priority": { type: "string", default: "lowest" },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const baselineSeconds = Number(values["baseline-seconds"] ?? Math.min(seconds, 15));
const workerCount = Math.max(1, Number(values.workers));
if (values["bot-priority"] !== "lowest" && values["bot-priority"] !== "normal") {
  throw new Error(`--bot-priority is "lowest" or "normal", not "${values["bot-priority"]}"`);
}
// The bots stand in for 300 people on their own machines. Sharing this machine's cores, at the same
// priority they would take the server's core away from it in the middle of a patch; at the lowest they
// still get every cycle the server leaves idle.
const botsLowPriority = values["bot-priority"] === "lowest";
// The idle scheduling class where Linux offers it (no privilege needed to lower oneself into it);
// elsewhere the bots' worker threads take the lowest nice value.
const idleClass = botsLowPriority && spawnSync("chrt", ["--idle", "0", "true"]).status === 0;
const WARM_UP_MS = 3000;
const JOIN_TIMEOUT_MS = 180_000;
const LATENCY_EVERY = 4;

interface PhaseResult {
  readonly server: ServerMetrics;
  readonly meanBytes: number;
  readonly maxBytes: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
  readonly latencySamples: number;
  readonly dropped: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function nextReply<T extends { type: string }>(
  source: ChildProcess | EventEmitter,
  accept: (reply: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (reply: T) => {
      if (reply.type === "failed") {
        clearTimeout(timer);
        reject(new Error(JSON.stringify(reply)));
      } else if (accept(reply)) {
        clearTimeout(timer);
        source.off("message", onMessage);
        resolve(reply);
      }
    };
    source.on("message", onMessage);
  });
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function joinEveryone(url: string): Promise<JoinResponse[]> {
  const consultation = await post<CreateConsultationResponse>(`${url}/api/consultations`, {
    title: "Benchmark hall",
    language: "en",
  });
  const joins: JoinResponse[] = [];
  for (let i = 0; i < clients; i += 10) {
    const batch = Array.from({ length: Math.min(10, clients - i) }, (_, k) =>
      post<JoinResponse>(`${url}/api/join`, {
        joinCode: consultation.joinCode,
        displayName: `Bot ${i + k + 1}`,
        color: "#3366cc",
        acceptCodeOfConduct: true,
      }),
    );
    joins.push(...(await Promise.all(batch)));
  }
  return joins;
}

async function runPhase(mode: "real" | "naive", phaseSeconds: number): Promise<PhaseResult> {
  const server = fork(new URL("./bench-server.ts", import.meta.url), [mode], { stdio: "inherit" });
  const serverExited = new Promise((resolve) => server.once("exit", resolve));
  const ready = await nextReply<ServerReply>(server, (reply) => reply.type === "ready", 30_000);
  const url = `http://127.0.0.1:${ready.type === "ready" ? ready.port : 0}`;
  const joins = mode === "real" ? await joinEveryone(url) : [];
  const workerData: BotWorkerData[] = [];
  for (let w = 0; w < workerCount; w++) {
    const share = Math.floor(clients / workerCount) + (w < clients % workerCount ? 1 : 0);
    const offset = w * Math.floor(clients / workerCount) + Math.min(w, clients % workerCount);
    workerData.push({
      mode,
      url,
      joins: joins.slice(offset, offset + share),
      count: share,
      seed: 1000 + offset,
      latencyEvery: mode === "real" ? LATENCY_EVERY : 0,
      lowPriority: botsLowPriority && !idleClass,
    });
  }
  const hostPath = new URL("./bot-host.ts", import.meta.url).pathname;
  const host = idleClass
    ? spawn("chrt", ["--idle", "0", process.execPath, ...process.execArgv, hostPath], {
        stdio: ["inherit", "inherit", "inherit", "ipc"],
      })
    : fork(hostPath, { stdio: "inherit" });
  const hostExited = new Promise((resolve) => host.once("exit", resolve));
  const toHost = (message: HostCommand) => host.send(message);
  const workers = workerData.map(() => new EventEmitter());
  host.on("message", (message: HostReply) => workers[message.worker]?.emit("message", message.reply));
  toHost({ type: "spawn", workers: workerData });
  await Promise.all(
    workers.map((worker) => nextReply<WorkerReply>(worker, (r) => r.type === "joined", JOIN_TIMEOUT_MS)),
  );
  await sleep(WARM_UP_MS);
  const command = (message: WorkerCommand & ServerCommand) => {
    server.send(message);
    toHost({ type: "command", command: message });
  };
  command({ type: "start" });
  await sleep(phaseSeconds * 1000);
  const metricsReply = nextReply<ServerReply>(server, (reply) => reply.type === "metrics", 10_000);
  const statsReplies = workers.map((worker) =>
    nextReply<WorkerReply>(worker, (reply) => reply.type === "stats", 10_000),
  );
  command({ type: "stop" });
  const metrics = await metricsReply;
  const stats = await Promise.all(statsReplies);
  // Bots leave first, so that the server's shutdown notice reaches nobody.
  toHost({ type: "command", command: { type: "exit" } });
  await hostExited;
  server.send({ type: "exit" } satisfies ServerCommand);
  await serverExited;

  const perClient: number[] = [];
  const latency = new Array<number>(1024).fill(0);
  let dropped = 0;
  for (const reply of stats) {
    if (reply.type !== "stats") continue;
    for (const bytes of reply.bytes) perClient.push(bytes / reply.seconds);
    reply.latency.forEach((count, i) => {
      latency[i] = (latency[i] as number) + count;
    });
    dropped += reply.dropped;
  }
  return {
    server: (metrics as Extract<ServerReply, { type: "metrics" }>).metrics,
    meanBytes: perClient.reduce((sum, value) => sum + value, 0) / Math.max(1, perClient.length),
    maxBytes: Math.max(0, ...perClient),
    latencyP50: histogramPercentile(latency, 50),
    latencyP99: histogramPercentile(latency, 99),
    latencySamples: latency.reduce((sum, value) => sum + value, 0),
    dropped,
  };
}

console.log(
  `bench:sync: ${clients} bots ${
    idleClass
      ? "in the idle scheduling class"
      : `at ${botsLowPriority ? "the lowest" : "normal"} scheduling priority`
  }, ` + `${seconds} s measured (baseline ${baselineSeconds} s)`,
);
const real = await runPhase("real", seconds);
const naive = await runPhase("naive", baselineSeconds);

const kb = (bytes: number) => `${round(bytes / 1000, 1)} KB/s`;
const rows: [string, string, string][] = [
  ["", "Plenum sync", "naive baseline"],
  ["server CPU (one core = 100%)", `${round(real.server.cpuPercent)}%`, `${round(naive.server.cpuPercent)}%`],
  ["event loop busy", `${round(real.server.loopBusyPercent)}%`, `${round(naive.server.loopBusyPercent)}%`],
  ["event loop lag p99", `${round(real.server.loopLagP99Ms)} ms`, `${round(naive.server.loopLagP99Ms)} ms`],
  [
    "patch time p50 / p99",
    `${round(real.server.patchP50Ms, 2)} / ${round(real.server.patchP99Ms, 2)} ms`,
    `${round(naive.server.patchP50Ms, 2)} / ${round(naive.server.patchP99Ms, 2)} ms`,
  ],
  [
    "server CPU in a patch p50 / p99",
    `${round(real.server.patchCpuP50Ms, 2)} / ${round(real.server.patchCpuP99Ms, 2)} ms`,
    `${round(naive.server.patchCpuP50Ms, 2)} / ${round(naive.server.patchCpuP99Ms, 2)} ms`,
  ],
  ["downstream per client, mean", kb(real.meanBytes), kb(naive.meanBytes)],
  ["downstream per client, max", kb(real.maxBytes), kb(naive.maxBytes)],
  [
    "pose latency p50 / p99",
    `${real.latencyP50} / ${real.latencyP99} ms (${real.latencySamples} samples)`,
    "not measured",
  ],
  ["bots dropped", String(real.dropped), String(naive.dropped)],
];
for (const [label, a, b] of rows) console.log(`${label.padEnd(30)} ${a.padEnd(36)} ${b}`);
console.log(`downstream ratio: naive / Plenum = ${round(naive.meanBytes / Math.max(1, real.meanBytes), 1)}x`);
console.log(
  JSON.stringify({
    clients,
    seconds,
    serverCpuPercent: round(real.server.cpuPercent),
    loopLagP99Ms: round(real.server.loopLagP99Ms, 2),
    patchP99Ms: round(real.server.patchP99Ms, 2),
    downBytesPerClientPerSec: Math.round(real.meanBytes),
    downBytesPerClientPerSecMax: Math.round(real.maxBytes),
    poseLatencyP50Ms: real.latencyP50,
    poseLatencyP99Ms: real.latencyP99,
    dropped: real.dropped,
    baselineDownBytesPerClientPerSec: Math.round(naive.meanBytes),
  }),
);
