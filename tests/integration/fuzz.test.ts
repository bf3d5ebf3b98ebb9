/**
 * Fuzzing the room: connections that joined honestly send at least 100 000 random and mutated frames
 * (hostile payloads of every message type, honest messages with bytes flipped, cut or extended,
 * random bytes, wrong protocol codes) while real participants sit in the hall. Afterwards the real
 * participants are still connected and see exactly the state the server holds, the server's heap is
 * back near where it started, and the log stayed short.
 */

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { matchMaker, type Client as ServerClient } from "@colyseus/core";
import { Protocol } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_CLIENT_MESSAGE_TYPES, ALL_CLIENT_MESSAGES } from "../../shared/protocol/client-messages.ts";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import type { TownHallState } from "../../shared/state/town-hall-state.ts";
import { capturedLog, warningsAndErrors } from "../support/captured-log.ts";
import { type HostilePayloads, hostilePayloads, roomFrame } from "../support/hostile-payloads.ts";
import { enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const TOTAL_FRAMES = 100_000;
const FUZZERS = 40;
/** Frames a fuzzer sends per burst, four bursts a second: under the room's flood limit of 300. */
const BURST = 60;
const BURST_GAP_MS = 250;

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small seeded generator (mulberry32), so that a failing run can be replayed. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}
type Random = ReturnType<typeof randomSource>;

function randomBytes(random: Random, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = random.int(256);
  return bytes;
}

/** Flips, cuts, extends or splices the bytes of an honest frame. */
function mutateBytes(random: Random, frame: Uint8Array): Uint8Array {
  const copy = new Uint8Array(frame);
  switch (random.int(4)) {
    case 0:
      for (let i = 0, n = 1 + random.int(4); i < n; i++) copy[random.int(copy.length)] = random.int(256);
      return copy;
    case 1:
      return copy.subarray(0, random.int(copy.length));
    case 2: {
      const longer = new Uint8Array(copy.length + 1 + random.int(64));
      longer.set(copy);
      longer.set(randomBytes(random, longer.length - copy.length), copy.length);
      return longer;
    }
    default: {
      const at = random.int(copy.length);
      const spliced = new Uint8Array(copy.length + 8);
      spliced.set(copy.subarray(0, at));
      spliced.set(randomBytes(random, 8), at);
      spliced.set(copy.subarray(at), at + 8);
      return spliced;
    }
  }
}

const PROTOCOL_CODES = Object.values(Protocol) as number[];

function nextFrame(random: Random, payloads: Map<string, HostilePayloads>): Uint8Array {
  const type = random.pick(ALL_CLIENT_MESSAGE_TYPES);
  const { sample, variants } = payloads.get(type) as HostilePayloads;
  const asRequest = random.next() < 0.5;
  const code = asRequest ? Protocol.ROOM_REQUEST : Protocol.ROOM_DATA;
  const requestId = asRequest ? random.int(1_000_000) : undefined;
  const roll = random.next();
  if (roll < 0.45) return roomFrame(type, random.pick(variants), code, requestId);
  if (roll < 0.55) return roomFrame(type, sample, code, requestId);
  if (roll < 0.7) return mutateBytes(random, roomFrame(type, sample, code, requestId));
  if (roll < 0.8) return randomBytes(random, random.int(200));
  if (roll < 0.9) {
    const frame = roomFrame(type, random.pick(variants), code, requestId);
    frame[0] = random.next() < 0.5 ? random.pick(PROTOCOL_CODES) : random.int(256);
    return frame;
  }
  return roomFrame(
    random.next() < 0.5 ? random.int(1000) : `fuzz_${random.int(1e9)}`,
    sample,
    code,
    requestId,
  );
}

let server: TestServer;
const log = capturedLog();

beforeAll(async () => {
  server = await startTestServer({}, { logDestination: log.stream });
});

afterAll(async () => {
  await server.stop();
});

async function enter(join: JoinResponse): Promise<HallRoom> {
  const room = await enterHall(server.url, join);
  room.onMessage("*", () => undefined);
  await waitFor("own avatar", () => room.state.participants?.has(join.participantId) === true);
  return room;
}

describe("fuzzing the room", () => {
  it(`survives ${TOTAL_FRAMES} random and mutated frames with real participants unharmed`, {
    timeout: 120_000,
  }, async () => {
    const consultation = await server.createConsultation("Fuzz");
    const facilitator = await enter(await server.joinAsFacilitator(consultation.facilitatorKey, "Fatima"));
    const bram = await server.join(consultation.joinCode, "Bram");
    const citizens = [await enter(await server.join(consultation.joinCode, "Ann")), await enter(bram)];
    const real = [facilitator, ...citizens];
    const left: number[] = [];
    for (const room of real) room.onLeave((code) => left.push(code));
    const poll = await facilitator.request("poll_create", {
      question: "Which bench?",
      kind: "single",
      options: ["Oak", "Steel"],
      open: true,
    });
    const idea = await citizens[0]?.request("post_idea", { text: "More trees" });
    await facilitator.request("budget_open", { total: 100, proposals: [{ title: "Benches", cost: 40 }] });
    await waitFor("the budget", () => facilitator.state.budget?.status === "open");
    const context = {
      pollId: poll.pollId,
      ideaId: idea.ideaId,
      ideaIds: [idea.ideaId],
      participantId: bram.participantId,
      to: bram.participantId,
      recordKey: facilitator.state.budget.proposals[0]?.id ?? "",
    };
    const payloads = new Map(
      ALL_CLIENT_MESSAGE_TYPES.map((type) => [type, hostilePayloads(ALL_CLIENT_MESSAGES[type], context)]),
    );

    // Count what the room itself receives, not what the fuzzers hoped to send.
    const serverRoom = matchMaker.getLocalRoomById(facilitator.roomId);
    if (!serverRoom) throw new Error("no room");
    const hooked = serverRoom as unknown as { _onMessage(client: ServerClient, buffer: Uint8Array): void };
    const original = hooked._onMessage.bind(serverRoom);
    let received = 0;
    const realSessions = new Set(real.map((room) => room.sessionId));
    hooked._onMessage = (client, buffer) => {
      if (!realSessions.has(client.sessionId)) received++;
      original(client, buffer);
    };

    const fuzzJoins = await Promise.all(
      Array.from({ length: FUZZERS }, (_, i) => server.join(consultation.joinCode, `Fuzz ${i}`)),
    );
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const logBefore = log.lines.length;
    let reconnections = 0;

    async function fuzz(first: JoinResponse, seed: number, name: string): Promise<void> {
      const random = randomSource(seed);
      let join = first;
      let room = await enterHall(server.url, join);
      room.onMessage("*", () => undefined);
      while (received < TOTAL_FRAMES) {
        if (!room.connection.isOpen) {
          reconnections++;
          try {
            room = await enterHall(server.url, join);
          } catch (error) {
            // A valid `erase_me` among the frames ends the fuzzer's session for good, as it should:
            // it comes back through the door as a new person.
            if (!/^erased/.test((error as Error).message)) throw error;
            join = await server.join(consultation.joinCode, name);
            room = await enterHall(server.url, join);
          }
          room.onMessage("*", () => undefined);
        }
        for (let i = 0; i < BURST && room.connection.isOpen; i++)
          room.connection.send(nextFrame(random, payloads));
        await sleep(BURST_GAP_MS);
      }
      // A fuzzer's connection may be half-closed by its own last frames: do not wait on it for long.
      await Promise.race([room.leave().catch(() => undefined), sleep(1000)]);
    }
    const started = performance.now();
    await Promise.all(fuzzJoins.map((join, i) => fuzz(join, 1000 + i, `Fuzz ${i}`)));
    const seconds = (performance.now() - started) / 1000;
    hooked._onMessage = original;

    await sleep(500);
    const lines = warningsAndErrors(log.lines.slice(logBefore)).length;
    collectGarbage();
    const heapGrowthMB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    console.info(
      `fuzz: ${received} frames in ${seconds.toFixed(1)} s, ${reconnections} reconnections, ` +
        `${lines} log lines, heap ${heapGrowthMB.toFixed(1)} MB`,
    );

    expect(received).toBeGreaterThanOrEqual(TOTAL_FRAMES);
    expect(left).toEqual([]);
    for (const room of real) expect(room.connection.isOpen).toBe(true);
    const serverState = JSON.stringify((serverRoom.state as TownHallState).toJSON());
    for (const room of real) expect(JSON.stringify(room.state.toJSON())).toBe(serverState);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The server's log allows a burst of 30 lines, then 30 a minute, whatever the clients do.
    expect(lines).toBeLessThan(80);
    expect(heapGrowthMB).toBeLessThan(64);
    await Promise.all(real.map((room) => room.leave()));
  });
});
