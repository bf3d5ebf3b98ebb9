/**
 * The server side of `npm run bench:sync`, run as its own process so that the bots never share its
 * event loop. `real` starts Plenum as `npm start` does (temporary data folder, no door limit);
 * `naive` starts a bare Colyseus server with the baseline room. Either way it measures itself between
 * the parent's "start" and "stop" messages: CPU time, event-loop delay and busy share, and how long
 * each broadcastPatch takes (timed by wrapping it here, in the benchmark, not in the product).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { defineRoom, defineServer, Room } from "@colyseus/core";
import { Encoder } from "@colyseus/schema";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { startPlenum } from "../../../server/app.ts";
import { readConfig } from "../../../server/config.ts";
import { percentile } from "../stats.ts";
import { NAIVE_ROOM_NAME, NaiveHallRoom } from "./naive-room.ts";

export interface ServerMetrics {
  readonly cpuPercent: number;
  readonly loopBusyPercent: number;
  readonly loopLagP99Ms: number;
  readonly patchP50Ms: number;
  readonly patchP99Ms: number;
  /**
   * The server thread's own CPU time within a patch: the patch time less any moment the thread waited
   * for a core, which on a machine shared with the bots tells the server's work from the crowding.
   */
  readonly patchCpuP50Ms: number;
  readonly patchCpuP99Ms: number;
  readonly patches: number;
}

export type ServerCommand = { type: "start" } | { type: "stop" } | { type: "exit" };
export type ServerReply = { type: "ready"; port: number } | { type: "metrics"; metrics: ServerMetrics };

const mode = process.argv[2] === "naive" ? "naive" : "real";
// A naive patch of 300 avatars is about 35 KB; size the buffer once instead of growing it with a warning.
Encoder.BUFFER_SIZE = 256 * 1024;

let patchTimes: number[] = [];
let patchCpuTimes: number[] = [];
let measuring = false;
const original = Room.prototype.broadcastPatch;
Room.prototype.broadcastPatch = function timedBroadcastPatch(this: Room) {
  const started = performance.now();
  const cpuAtStart = process.threadCpuUsage();
  const result = original.call(this);
  if (measuring) {
    patchTimes.push(performance.now() - started);
    const cpu = process.threadCpuUsage(cpuAtStart);
    patchCpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  return result;
};

const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-bench-"));
let port: number;
let close: () => Promise<void>;
if (mode === "real") {
  const plenum = await startPlenum(
    readConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, DOOR_RATE_LIMIT: "1000000" }),
  );
  port = plenum.port;
  close = () => plenum.close();
} else {
  const httpServer = createServer();
  const server = defineServer({
    greet: false,
    transport: new WebSocketTransport({ server: httpServer, maxPayload: 16 * 1024 }),
    rooms: { [NAIVE_ROOM_NAME]: defineRoom(NaiveHallRoom) },
  });
  await server.listen(0, "127.0.0.1");
  port = (httpServer.address() as AddressInfo).port;
  close = () => server.gracefullyShutdown(false);
}

const lag = monitorEventLoopDelay({ resolution: 10 });
let cpuAtStart = process.cpuUsage();
let wallAtStart = 0;
let loopAtStart = performance.eventLoopUtilization();

function send(reply: ServerReply): void {
  process.send?.(reply);
}

process.on("message", async (command: ServerCommand) => {
  if (command.type === "start") {
    patchTimes = [];
    patchCpuTimes = [];
    measuring = true;
    lag.reset();
    lag.enable();
    cpuAtStart = process.cpuUsage();
    wallAtStart = performance.now();
    loopAtStart = performance.eventLoopUtilization();
  } else if (command.type === "stop") {
    measuring = false;
    lag.disable();
    const cpu = process.cpuUsage(cpuAtStart);
    const wallMs = performance.now() - wallAtStart;
    const loop = performance.eventLoopUtilization(loopAtStart);
    send({
      type: "metrics",
      metrics: {
        cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
        loopBusyPercent: loop.utilization * 100,
        loopLagP99Ms: lag.percentile(99) / 1e6,
        patchP50Ms: percentile(patchTimes, 50),
        patchP99Ms: percentile(patchTimes, 99),
        patchCpuP50Ms: percentile(patchCpuTimes, 50),
        patchCpuP99Ms: percentile(patchCpuTimes, 99),
        patches: patchTimes.length,
      },
    });
  } else {
    await close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
});

send({ type: "ready", port });
