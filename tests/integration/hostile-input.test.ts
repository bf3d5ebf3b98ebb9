/**
 * Hostile input changes nothing. For every message type in the protocol (so a new one is covered the
 * day it lands), a facilitator, the most powerful sender, throws wrong types, NaN and infinities, huge
 * strings, unknown fields and out-of-range values at the room: each is refused (with error replies
 * rate-limited), the room state and the whole store stay byte for byte the same, the connection stays
 * open and nothing is logged. Also: unknown message types, oversized frames, stale or forged
 * credentials and hostile names at the door.
 */
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSessionToken } from "../../server/auth/session-token.ts";
import { ALL_CLIENT_MESSAGE_TYPES, ALL_CLIENT_MESSAGES } from "../../shared/protocol/client-messages.ts";
import { ConsultationMessages } from "../../shared/protocol/consultation-messages.ts";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import type { TownHallState } from "../../shared/state/town-hall-state.ts";
import { capturedLog, warningsAndErrors } from "../support/captured-log.ts";
import { type HallContext, hostilePayloads, roomFrame } from "../support/hostile-payloads.ts";
import { collectErrors, enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const SESSION_SECRET = "hostile-input-test-secret-of-enough-length";
/** The room's error replies: a burst of five, then five a second. */
const ERROR_REPLIES_PER_SECOND = 5;
/** Frames sent before pausing, to stay under the room's flood limit (300 a second). */
const FRAMES_PER_CHUNK = 60;

let server: TestServer;
const log = capturedLog();
let db: DatabaseSync;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Person {
  readonly join: JoinResponse;
  readonly room: HallRoom;
  readonly errors: { code: string; message: string }[];
}

async function enter(join: JoinResponse): Promise<Person> {
  const room = await enterHall(server.url, join);
  room.onMessage("report_received", () => undefined);
  room.onMessage("*", () => undefined);
  await waitFor("own avatar", () => room.state.participants?.has(join.participantId) === true);
  return { join, room, errors: collectErrors(room) };
}

/** Every row of every table: whatever a hostile message managed to write would show here. */
function storeSnapshot(): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
  }[];
  return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
}

let facilitator: Person;
let citizen: Person;
let context: HallContext;
let hallJoinCode = "";

function serverState(): string {
  const room = matchMaker.getLocalRoomById(facilitator.room.roomId);
  if (!room) throw new Error("the room is gone");
  return JSON.stringify((room.state as TownHallState).toJSON());
}

beforeAll(async () => {
  server = await startTestServer({ SESSION_SECRET }, { logDestination: log.stream });
  db = new DatabaseSync(path.join(server.dataDir, "plenum.sqlite"), { readOnly: true });
  const consultation = await server.createConsultation("Hostile input");
  hallJoinCode = consultation.joinCode;
  facilitator = await enter(await server.joinAsFacilitator(consultation.facilitatorKey, "Fatima"));
  citizen = await enter(await server.join(consultation.joinCode, "Cas"));
  // Real ids, so that mutated messages point at things that exist and reach deeper than a lookup.
  const poll = await facilitator.room.request("poll_create", {
    question: "Which bench?",
    kind: "single",
    options: ["Oak", "Steel"],
    open: true,
  });
  const idea = await citizen.room.request("post_idea", { text: "More trees" });
  await facilitator.room.request("budget_open", { total: 100, proposals: [{ title: "Benches", cost: 40 }] });
  const chat =
    "chat_send" in ConsultationMessages ? await citizen.room.request("chat_send", { text: "Hello" }) : {};
  await waitFor(
    "the budget to reach the facilitator",
    () => facilitator.room.state.budget?.status === "open",
  );
  const proposalId = facilitator.room.state.budget.proposals[0]?.id ?? "";
  context = {
    pollId: poll.pollId,
    ideaId: idea.ideaId,
    ideaIds: [idea.ideaId],
    messageId: (chat as { messageId?: string }).messageId ?? "m",
    participantId: citizen.join.participantId,
    to: citizen.join.participantId,
    recordKey: proposalId,
  };
  await sleep(300);
});

afterAll(async () => {
  db.close();
  await server.stop();
});

describe("hostile payloads for every message type", () => {
  it("covers every message the room handles", () => {
    const room = matchMaker.getLocalRoomById(facilitator.room.roomId);
    // The room's handler registry (private in the typings; Colyseus exposes it for tooling).
    const registry = (room as unknown as { onMessageEvents: { events: Record<string, unknown> } })
      .onMessageEvents;
    const handled = Object.keys(registry.events).filter((type) => type !== "*");
    expect(handled.sort()).toEqual([...ALL_CLIENT_MESSAGE_TYPES].sort());
  });

  for (const type of ALL_CLIENT_MESSAGE_TYPES) {
    it(`refuses malformed "${type}" messages and changes nothing`, async () => {
      const schema = ALL_CLIENT_MESSAGES[type];
      const { variants } = hostilePayloads(schema, context);
      expect(variants.length).toBeGreaterThan(5);
      const stateBefore = serverState();
      const storeBefore = storeSnapshot();
      const errorsBefore = facilitator.errors.length;
      const logBefore = log.lines.length;
      const started = performance.now();
      const answers: Promise<unknown>[] = [];
      const asRequest = type in ConsultationMessages || type === "audit_log" || type === "people";
      for (let i = 0; i < variants.length; i++) {
        if (asRequest) answers.push(facilitator.room.request(type, variants[i]));
        else facilitator.room.send(type, variants[i]);
        if ((i + 1) % FRAMES_PER_CHUNK === 0) await sleep(250);
      }
      // Requests answer each variant; plain messages are followed by a request that answers once they ran.
      for (const answer of await Promise.all(answers))
        expect(answer).toMatchObject({ ok: false, error: { code: "invalid_message" } });
      await facilitator.room.request("audit_log", {});
      await waitFor("a refusal", () => facilitator.errors.length > errorsBefore);
      await sleep(120);
      const elapsedSeconds = (performance.now() - started) / 1000;
      const replies = facilitator.errors.slice(errorsBefore);
      expect(new Set(replies.map((reply) => reply.code))).toEqual(new Set(["invalid_message"]));
      expect(replies.length).toBeLessThanOrEqual(
        ERROR_REPLIES_PER_SECOND * (1 + Math.ceil(elapsedSeconds)) + 1,
      );
      expect(serverState(), "room state").toBe(stateBefore);
      expect(storeSnapshot(), "store").toBe(storeBefore);
      expect(facilitator.room.connection.isOpen).toBe(true);
      expect(warningsAndErrors(log.lines.slice(logBefore))).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      await sleep(250);
    });
  }

  it("keeps the client's view equal to the server's after all of it", async () => {
    await sleep(200);
    expect(JSON.stringify(facilitator.room.state.toJSON())).toBe(serverState());
    expect(JSON.stringify(citizen.room.state.toJSON())).toBe(serverState());
  });
});

describe("unknown message types", () => {
  it("refuses them, rate-limits the replies and changes nothing", async () => {
    const stateBefore = serverState();
    const storeBefore = storeSnapshot();
    const errorsBefore = citizen.errors.length;
    const types: (string | number)[] = [
      0,
      42,
      -1,
      "__proto__",
      "constructor",
      "toString",
      "hasOwnProperty",
      "_",
      "*",
      "y".repeat(10_000),
      ...Array.from({ length: 150 }, (_, i) => `made_up_${i}`),
    ];
    for (let i = 0; i < types.length; i++) {
      citizen.room.connection.send(roomFrame(types[i] ?? 0, { please: true }));
      if ((i + 1) % FRAMES_PER_CHUNK === 0) await sleep(250);
    }
    await citizen.room.request("audit_log", {});
    await waitFor("a refusal", () => citizen.errors.length > errorsBefore);
    await sleep(120);
    const replies = citizen.errors.slice(errorsBefore);
    expect(replies[0]?.code).toBe("unknown_message");
    // The barrier request (audit_log) is refused too, if the rate limit lets its reply through.
    for (const reply of replies) expect(["unknown_message", "not_allowed"]).toContain(reply.code);
    expect(replies.length).toBeLessThanOrEqual(ERROR_REPLIES_PER_SECOND * 3 + 1);
    expect(serverState()).toBe(stateBefore);
    expect(storeSnapshot()).toBe(storeBefore);
    expect(citizen.room.connection.isOpen).toBe(true);
  });
});

describe("floods of valid messages that would fill the store", () => {
  it("lets one person post five ideas at once, then refuses with rate_limited", async () => {
    const poster = await enter(await server.join(hallJoinCode, "Prolific"));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => poster.room.request("post_idea", { text: `Idea number ${i}` })),
    );
    const accepted = answers.filter((answer) => answer.ok);
    expect(accepted).toHaveLength(5);
    for (const answer of answers.filter((answer) => !answer.ok))
      expect(answer).toMatchObject({ error: { code: "rate_limited" } });
    const stored = db
      .prepare("SELECT COUNT(*) AS n FROM ideas WHERE author_id = ?")
      .get(poster.join.participantId) as { n: number };
    expect(stored.n).toBe(5);
    await poster.room.leave();
  });
});

describe("oversized frames", () => {
  it("close the sender's connection; everyone else stays and nothing else changes", async () => {
    const intruderJoin = await server.join(hallJoinCode, "Big Frame");
    const intruder = await enter(intruderJoin);
    await waitFor("the intruder in the hall", () =>
      facilitator.room.state.participants.has(intruderJoin.participantId),
    );
    let closedWith: number | undefined;
    intruder.room.onLeave((code) => {
      closedWith = code;
    });
    const storeBefore = storeSnapshot();
    const frame = new Uint8Array(64 * 1024);
    frame[0] = 13;
    intruder.room.connection.send(frame);
    await waitFor("the intruder to be disconnected", () => closedWith !== undefined);
    expect(closedWith).toBe(1009);
    await sleep(200);
    expect(storeSnapshot()).toBe(storeBefore);
    expect(facilitator.room.connection.isOpen && citizen.room.connection.isOpen).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("credentials", () => {
  it("refuses expired, forged and other-consultation session tokens in the room and over HTTP", async () => {
    const other = await server.createConsultation("Elsewhere");
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      consultationId: facilitator.join.consultationId,
      participantId: facilitator.join.participantId,
      role: "facilitator" as const,
    };
    const tokens = {
      expired: issueSessionToken(SESSION_SECRET, { ...claims, expiresAt: now - 1 }),
      forged: issueSessionToken("another-secret-that-is-long-enough-to-pass", {
        ...claims,
        expiresAt: now + 3600,
      }),
      "for another consultation": issueSessionToken(SESSION_SECRET, {
        ...claims,
        consultationId: other.id,
        expiresAt: now + 3600,
      }),
      truncated: facilitator.join.sessionToken.slice(0, -2),
      huge: `v1.${"a".repeat(3000)}.b`,
    };
    const storeBefore = storeSnapshot();
    for (const [label, sessionToken] of Object.entries(tokens)) {
      await expect(enterHall(server.url, { ...facilitator.join, sessionToken }), label).rejects.toThrow();
      const voice = await fetch(`${server.url}/api/voice-token`, {
        method: "POST",
        headers: { authorization: `Bearer ${sessionToken}` },
      });
      expect(voice.status, label).toBe(401);
      const slide = await fetch(`${server.url}/api/slides`, {
        method: "POST",
        headers: { authorization: `Bearer ${sessionToken}` },
        body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      });
      expect(slide.status, label).toBe(401);
    }
    expect(storeSnapshot()).toBe(storeBefore);
    expect(facilitator.room.connection.isOpen).toBe(true);
  });
});

describe("names at the door", () => {
  it("strips surrounding invisible spaces and keeps markup-free text as it is", async () => {
    const join = await server.join(hallJoinCode, "\uFEFF  Zoë \u00A0");
    const row = db.prepare("SELECT display_name FROM participants WHERE id = ?").get(join.participantId) as {
      display_name: string;
    };
    expect(row.display_name).toBe("Zoë");
  });

  it.each([
    ["10 000 characters", "n".repeat(10_000)],
    ["a right-to-left override", "Ann\u202Eetirw"],
    ["a zero-width joiner", "A\u200Dnn"],
    ["markup", "<img src=x onerror=alert(1)>"],
    ["only invisible characters", "\u200B\u200C\u200D"],
  ])("refuses a name with %s, clearly, and stores nothing", async (_label, displayName) => {
    const storeBefore = storeSnapshot();
    const { status, body } = await server.post<{ error: { code: string; message: string } }>("/api/join", {
      joinCode: hallJoinCode,
      displayName,
      color: "#112233",
      acceptCodeOfConduct: true,
    });
    expect(status).toBe(400);
    expect(["invalid_name", "invalid_request"]).toContain(body.error.code);
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(storeSnapshot()).toBe(storeBefore);
  });
});
