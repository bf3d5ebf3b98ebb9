/**
 * A worker thread of benchmark bots: real @colyseus/sdk clients that join the hall, send a pose at
 * 20 Hz each, and count the bytes their websocket receives. Bots of the real room decode every patch
 * like a browser does; some of them also read the send time carried by the poses they receive (the
 * pose latency). Bots of the naive room count bytes without decoding (a 2-core machine cannot decode
 * 300 naive streams at once, and the bytes are what the baseline is for).
 */
import { constants, setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { Client, type Room } from "@colyseus/sdk";
import { unpackPosition } from "../../../shared/pose/position-codec.ts";
import { type JoinResponse, ROOM_NAME } from "../../../shared/protocol/http-api.ts";
import { TownHallState } from "../../../shared/state/town-hall-state.ts";
import { BotMotion, epochMs, stampAge } from "./bot-motion.ts";
import { NAIVE_ROOM_NAME } from "./naive-room.ts";

export interface BotWorkerData {
  readonly mode: "real" | "naive";
  readonly url: string;
  /** One per bot (the real room admits session holders only); for the naive room, just the count. */
  readonly joins: readonly JoinResponse[];
  readonly count: number;
  readonly seed: number;
  /** Every this-many-th bot measures pose latency (0: none). */
  readonly latencyEvery: number;
  /** Run this thread at the lowest scheduling priority (on Linux a thread's own; elsewhere the process's). */
  readonly lowPriority: boolean;
}

export type WorkerCommand = { type: "start" } | { type: "stop" } | { type: "exit" };
export type WorkerReply =
  | { type: "joined"; bots: number }
  | { type: "failed"; message: string }
  | { type: "stats"; bytes: number[]; latency: number[]; dropped: number; seconds: number };

const SEND_INTERVAL_MS = 50;
const JOIN_CONCURRENCY = 8;
const LATENCY_BUCKETS = 1024;
const leftHand = { x: 0, y: 0, z: 0 };

const data = workerData as BotWorkerData;
const port = parentPort;
if (!port) throw new Error("bot-worker runs as a worker thread");
if (data.lowPriority) setPriority(constants.priority.PRIORITY_LOW);

interface Bot {
  readonly room: Room;
  readonly motion: BotMotion;
  bytes: number;
}

const bots: Bot[] = [];
const latency = new Array<number>(LATENCY_BUCKETS).fill(0);
let dropped = 0;
let leaving = false;
let measuring = false;
let measureStarted = 0;

function countBytes(room: Room, bot: { bytes: number }): void {
  const events = (
    room as unknown as { connection: { events: { onmessage?: (event: MessageEvent) => void } } }
  ).connection.events;
  const deliver = events.onmessage;
  events.onmessage = (event: MessageEvent) => {
    if (measuring) bot.bytes += (event.data as ArrayBuffer).byteLength;
    deliver?.(event);
  };
}

function measureLatency(room: Room<unknown, TownHallState>, selfId: string): void {
  const lastSeen = new Map<string, number>();
  room.onStateChange((state) => {
    if (!measuring) return;
    const now = epochMs();
    state.participants.forEach((participant, id) => {
      const pose = participant.pose;
      if (id === selfId || !pose) return;
      const stamp = unpackPosition(pose.leftPosition, leftHand).y;
      if (lastSeen.get(id) === stamp) return;
      lastSeen.set(id, stamp);
      const age = Math.min(LATENCY_BUCKETS - 1, Math.floor(stampAge(stamp, now)));
      latency[age] = (latency[age] as number) + 1;
    });
  });
}

async function joinBot(index: number): Promise<void> {
  const client = new Client(data.url);
  let room: Room;
  if (data.mode === "real") {
    const join = data.joins[index] as JoinResponse;
    const hall = await client.joinOrCreate(
      ROOM_NAME,
      { consultationId: join.consultationId, sessionToken: join.sessionToken, device: "desktop" },
      TownHallState,
    );
    if (data.latencyEvery > 0 && index % data.latencyEvery === 0) measureLatency(hall, join.participantId);
    room = hall;
  } else {
    room = await client.joinOrCreate(NAIVE_ROOM_NAME, {});
    (room as unknown as { serializer: { patch: () => void } }).serializer.patch = () => undefined;
  }
  const bot: Bot = { room, motion: new BotMotion(data.seed + index), bytes: 0 };
  countBytes(room, bot);
  room.onLeave(() => {
    if (!leaving) dropped++;
  });
  bots.push(bot);
}

async function joinAll(): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < data.count) await joinBot(next++);
  };
  await Promise.all(Array.from({ length: JOIN_CONCURRENCY }, lane));
}

function sendPoses(): void {
  const now = epochMs();
  for (const bot of bots) bot.room.send("pose", bot.motion.step(SEND_INTERVAL_MS / 1000, now));
}

try {
  await joinAll();
} catch (error) {
  port.postMessage({ type: "failed", message: String(error) } satisfies WorkerReply);
  process.exit(1);
}
const sender = setInterval(sendPoses, SEND_INTERVAL_MS);
port.postMessage({ type: "joined", bots: bots.length } satisfies WorkerReply);

port.on("message", async (command: WorkerCommand) => {
  if (command.type === "start") {
    for (const bot of bots) bot.bytes = 0;
    latency.fill(0);
    dropped = 0;
    measuring = true;
    measureStarted = performance.now();
  } else if (command.type === "stop") {
    measuring = false;
    const reply: WorkerReply = {
      type: "stats",
      bytes: bots.map((bot) => bot.bytes),
      latency,
      dropped,
      seconds: (performance.now() - measureStarted) / 1000,
    };
    port.postMessage(reply);
  } else {
    leaving = true;
    clearInterval(sender);
    await Promise.all(bots.map((bot) => bot.room.leave(true).catch(() => undefined)));
    port.close();
  }
});
