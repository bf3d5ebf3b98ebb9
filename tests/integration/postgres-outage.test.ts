/**
 * PostgreSQL fails under a hall and comes back: a real cluster, Plenum in a process of its own, real SDK
 * clients. The process must not exit, the hall must go on, a write that cannot be stored must be refused
 * with `service_unavailable` (never acknowledged and then lost), and everything must work again soon
 * after the database is back, without restarting Plenum.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import { type HealthResponse, type JoinResponse, ROOM_NAME } from "../../shared/protocol/http-api.ts";
import { CLOSE_CODES } from "../../shared/protocol/room-messages.ts";
import { collectErrors, enterHall, type HallRoom, poseAt, waitFor } from "../support/room-clients.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";
import { startPostgres, type TestPostgres } from "../support/test-postgres.ts";
import { type PlenumApi, plenumApi } from "../support/test-server.ts";

/** Short, so that a stuck statement is cancelled quickly here; the default is 10 s. */
const STATEMENT_TIMEOUT_MS = 1000;
/** The promise: everything works again within this long after the database is back. */
const RECOVERY_MS = 10_000;

interface Person {
  readonly name: string;
  readonly join: JoinResponse;
  readonly room: HallRoom;
}

let postgres: TestPostgres;
let server: ServerProcess;
let api: PlenumApi;
let dataDir: string;
let exitCode: number | null | undefined;
let output = "";
let facilitator: Person;
let anouk: Person;
let bram: Person;
let pollId: string;
let joinCode: string;
const rooms: HallRoom[] = [];
/** Every write the room acknowledged, to be found in the database at the end. */
const acknowledged = { ideas: new Set<string>(), chat: new Set<string>() };

async function ask(person: Person, type: string, body: unknown): Promise<MethodAnswer> {
  const answer = (await person.room.request(type, body)) as MethodAnswer;
  if (answer.ok && answer.ideaId) acknowledged.ideas.add(answer.ideaId);
  if (answer.ok && answer.messageId) acknowledged.chat.add(answer.messageId);
  return answer;
}

async function enter(join: JoinResponse, name: string): Promise<Person> {
  const room = await enterHall(server.url, join);
  rooms.push(room);
  room.onMessage("error", () => undefined);
  return { name, join, room };
}

/** Anouk walks to `x`; Bram's view of her coarse head must change (poses go on whatever the database does). */
async function posesFlow(x: number): Promise<void> {
  const before = bram.room.state.participants.get(anouk.join.participantId)?.coarse;
  anouk.room.send("pose", poseAt(x, 1.6, 4));
  await waitFor(
    `Bram sees Anouk walk to x=${x}`,
    () => bram.room.state.participants.get(anouk.join.participantId)?.coarse !== before,
    5000,
  );
}

async function health(): Promise<{ status: number; body: HealthResponse }> {
  const response = await fetch(`${server.url}/healthz`);
  return { status: response.status, body: (await response.json()) as HealthResponse };
}

/** Retries `attempt` until it is acknowledged, and returns how long that took. */
async function acknowledgedWithin(what: string, attempt: () => Promise<MethodAnswer>): Promise<number> {
  const started = performance.now();
  for (;;) {
    const answer = await attempt();
    if (answer.ok) return performance.now() - started;
    expect(answer.error.code, what).toBe("service_unavailable");
    if (performance.now() - started > RECOVERY_MS) throw new Error(`${what}: still refused after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  postgres = await startPostgres();
  dataDir = mkdtempSync(path.join(tmpdir(), "plenum-pg-outage-"));
  server = await startServerProcess({
    DATABASE_URL: postgres.url,
    DATA_DIR: dataDir,
    DOOR_RATE_LIMIT: "100000",
    DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    DATABASE_CONNECT_TIMEOUT_MS: "1000",
  });
  server.child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.child.once("exit", (code) => {
    exitCode = code;
  });
  api = plenumApi(server.url);
  const consultation = await api.createConsultation("Harbour redevelopment");
  joinCode = consultation.joinCode;
  facilitator = await enter(await api.joinAsFacilitator(consultation.facilitatorKey, "Fatima"), "Fatima");
  anouk = await enter(await api.join(consultation.joinCode, "Anouk"), "Anouk");
  bram = await enter(await api.join(consultation.joinCode, "Bram"), "Bram");
  const created = (await facilitator.room.request("poll_create", {
    question: "Which quay first?",
    kind: "single",
    options: ["North", "South"],
    open: true,
  })) as MethodAnswer;
  if (!created.ok || !created.pollId) throw new Error(`poll_create refused: ${JSON.stringify(created)}`);
  pollId = created.pollId;
  await waitFor("everyone in the hall", () => rooms.every((room) => room.state.participants.size === 3));
}, 60_000);

afterAll(async () => {
  await Promise.all(rooms.map((room) => room.leave(true).catch(() => undefined)));
  await server?.stop();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

function stillRunning(): void {
  expect(exitCode, `Plenum exited; its log:\n${output}`).toBeUndefined();
}

describe("PostgreSQL restarted or stopped under a hall", () => {
  it("survives a fast restart: the process stays, the hall goes on and writes work again", async () => {
    expect((await ask(anouk, "cast_ballot", { pollId, choices: [0] })).ok).toBe(true);
    await postgres.restart();
    // The idle pooled connections were terminated by the restart; give their errors time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));
    stillRunning();
    await posesFlow(1);
    const recovery = await acknowledgedWithin("Bram's ballot after the restart", () =>
      ask(bram, "cast_ballot", { pollId, choices: [1] }),
    );
    expect(recovery).toBeLessThan(RECOVERY_MS);
    await waitFor(
      "both ballots counted",
      () => [...(facilitator.room.state.polls.get(pollId)?.counts ?? [])].join() === "1,1",
      5000,
    );
    stillRunning();
  });

  it("refuses writes while stopped, keeps the hall going, and works again soon after it is back", async () => {
    const ideasBefore = facilitator.room.state.ideas.size;
    const errors = collectErrors(anouk.room);
    expect(await health()).toMatchObject({
      status: 200,
      body: {
        status: "ok",
        dependencies: { store: "ok", redis: "not_configured", livekit: "not_configured" },
      },
    });
    await postgres.pause();
    try {
      // A load balancer learns at once that this process cannot serve.
      const during = await health();
      expect(during.status).toBe(503);
      expect(during.body).toMatchObject({
        status: "unavailable",
        participants: 3,
        dependencies: { store: "unavailable" },
      });
      const idea = await ask(anouk, "post_idea", { text: "A ferry to the old docks" });
      expect(idea.ok ? "acknowledged" : idea.error.code).toBe("service_unavailable");
      expect(idea.ok ? "" : idea.error.message).toMatch(/not saved/);
      const chat = await ask(anouk, "chat_send", { text: "Is the database down?" });
      expect(chat.ok ? "acknowledged" : chat.error.code).toBe("service_unavailable");
      const ballot = await ask(bram, "cast_ballot", { pollId, choices: [0] });
      expect(ballot.ok ? "acknowledged" : ballot.error.code).toBe("service_unavailable");
      // The room's own refusals (a facilitator's floor, which is audited) say the same.
      facilitator.room.send("give_floor", { participantId: anouk.join.participantId });
      const facilitatorErrors = collectErrors(facilitator.room);
      await waitFor("the floor refused", () => facilitatorErrors.length > 0, 5000);
      expect(facilitatorErrors[0]?.code).toBe("service_unavailable");
      expect(facilitator.room.state.floor.holderId).toBe("");
      expect(errors.map((error) => error.code)).toContain("service_unavailable");

      // The door and the hall's entrance refuse with the same code instead of hanging or failing.
      const door = await api.post<{ error: { code: string } }>("/api/consultations", {
        title: "During the outage",
        language: "en",
      });
      expect(door.status).toBe(503);
      expect(door.body.error.code).toBe("service_unavailable");
      const matchmaking = await fetch(`${server.url}/matchmake/joinOrCreate/${ROOM_NAME}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          consultationId: anouk.join.consultationId,
          sessionToken: anouk.join.sessionToken,
        }),
      });
      expect(matchmaking.status).toBe(503);
      expect(((await matchmaking.json()) as { error: string }).error).toMatch(/^service_unavailable/);

      // What needs no database goes on: poses, the queue of raised hands.
      await posesFlow(2);
      anouk.room.send("raise_hand", {});
      await waitFor("Anouk's hand up", () => facilitator.room.state.speakingQueue.length === 1, 5000);
      stillRunning();
      // The outage lasts a while.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      stillRunning();
    } finally {
      await postgres.resume();
    }
    const recovery = await acknowledgedWithin("an idea once PostgreSQL is back", () =>
      ask(anouk, "post_idea", { text: "A ferry to the old docks" }),
    );
    expect(recovery).toBeLessThan(RECOVERY_MS);
    expect((await ask(anouk, "chat_send", { text: "Back again" })).ok).toBe(true);
    expect(await health()).toMatchObject({ status: 200, body: { dependencies: { store: "ok" } } });
    facilitator.room.send("give_floor", { participantId: anouk.join.participantId });
    await waitFor(
      "the floor given once the audit can be written",
      () => facilitator.room.state.floor.holderId === anouk.join.participantId,
      5000,
    );
    expect(facilitator.room.state.ideas.size).toBe(ideasBefore + 1);
    const cas = await enter(await api.join(joinCode, "Cas"), "Cas");
    expect(cas.room.roomId).toBe(anouk.room.roomId);
    stillRunning();
  });

  it("refuses a facilitator's moderation while stopped, applies none of it, and moderates again once it is back", async () => {
    const dirk = await enter(await api.join(joinCode, "Dirk"), "Dirk");
    const eva = await enter(await api.join(joinCode, "Eva"), "Eva");
    const left = new Map<string, number>();
    dirk.room.onLeave((code) => left.set("Dirk", code));
    eva.room.onLeave((code) => left.set("Eva", code));
    const people = () => facilitator.room.state.participants;
    const id = {
      anouk: anouk.join.participantId,
      dirk: dirk.join.participantId,
      eva: eva.join.participantId,
    };
    await waitFor("Dirk and Eva in the hall", () => people().has(id.dirk) && people().has(id.eva), 5000);
    // Anouk holds the floor since the last test.
    expect(facilitator.room.state.floor.holderId).toBe(id.anouk);
    const moderation = {
      mute: () => facilitator.room.send("mute_participant", { participantId: id.anouk }),
      takeFloor: () => facilitator.room.send("take_floor", {}),
      remove: () =>
        facilitator.room.send("remove_participant", { participantId: id.dirk, reason: "Shouting" }),
      ban: () => facilitator.room.send("ban_participant", { participantId: id.eva, reason: "Spam" }),
    };
    const applied = {
      mute: () => people().get(id.anouk)?.mutedByFacilitator === true,
      takeFloor: () => facilitator.room.state.floor.holderId === "",
      remove: () => !people().has(id.dirk) && left.get("Dirk") === CLOSE_CODES.removedByFacilitator,
      ban: () => !people().has(id.eva) && left.get("Eva") === CLOSE_CODES.bannedByFacilitator,
    };
    const errors = collectErrors(facilitator.room);
    await postgres.pause();
    try {
      for (const act of Object.values(moderation)) act();
      await waitFor("four refusals", () => errors.length >= 4, 10_000);
      expect(errors.map((error) => error.code)).toEqual(Array(4).fill("service_unavailable"));
      for (const error of errors) expect(error.message).toMatch(/not saved/);
      // Refused means not done: nobody is muted, the floor is still Anouk's, Dirk and Eva are still in.
      expect(Object.values(applied).map((check) => check())).toEqual([false, false, false, false]);
      expect(dirk.room.connection.isOpen && eva.room.connection.isOpen).toBe(true);
      stillRunning();
    } finally {
      await postgres.resume();
    }
    // Each one works again within 10 s of the database's return, taken one after the other.
    const resumed = performance.now();
    for (const [name, act] of Object.entries(moderation) as [keyof typeof moderation, () => void][]) {
      for (;;) {
        const refusals = errors.length;
        act();
        await waitFor(`${name} answered`, () => applied[name]() || errors.length > refusals, 5000);
        if (applied[name]()) break;
        expect(errors.at(-1)?.code, name).toBe("service_unavailable");
        if (performance.now() - resumed > RECOVERY_MS) throw new Error(`${name}: still refused after 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    expect(performance.now() - resumed).toBeLessThan(RECOVERY_MS);
    // The server closed their rooms: there is nothing left for the suite to leave.
    for (const gone of [dirk.room, eva.room]) rooms.splice(rooms.indexOf(gone), 1);

    // What was applied is stored once, and nothing of what was refused.
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const audit = await db.query(
        `SELECT action, target_id FROM audit_log WHERE target_id = ANY($1)
           AND action IN ('mute', 'take_floor', 'remove', 'ban') ORDER BY id`,
        [Object.values(id)],
      );
      expect(audit.rows).toEqual([
        { action: "mute", target_id: id.anouk },
        { action: "take_floor", target_id: id.anouk },
        { action: "remove", target_id: id.dirk },
        { action: "ban", target_id: id.eva },
      ]);
      const statuses = await db.query(
        "SELECT id, status FROM participants WHERE id = ANY($1) ORDER BY display_name",
        [[id.dirk, id.eva]],
      );
      expect(statuses.rows).toEqual([
        { id: id.dirk, status: "removed" },
        { id: id.eva, status: "banned" },
      ]);
    } finally {
      await db.end();
    }
    stillRunning();
  });

  it("cancels a stuck statement: its write is refused, the room goes on, and the next one works", async () => {
    const blocker = new pg.Client({ connectionString: postgres.url });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query("LOCK TABLE chat_messages IN ACCESS EXCLUSIVE MODE");
      const started = performance.now();
      const stuck = await ask(anouk, "chat_send", { text: "Anyone there?" });
      const waited = performance.now() - started;
      expect(stuck.ok ? "acknowledged" : stuck.error.code).toBe("service_unavailable");
      expect(stuck.ok ? "" : stuck.error.message).toMatch(/did not answer in time/);
      expect(waited).toBeLessThan(STATEMENT_TIMEOUT_MS + 3000);
      await posesFlow(3);
    } finally {
      await blocker.query("ROLLBACK");
      await blocker.end();
    }
    expect((await ask(anouk, "chat_send", { text: "Anyone there?" })).ok).toBe(true);
    stillRunning();
  });

  it("keeps every acknowledged idea and chat message", async () => {
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const ideas = await db.query("SELECT id FROM ideas");
      const chat = await db.query("SELECT id FROM chat_messages");
      const storedIdeas = new Set(ideas.rows.map((row: { id: string }) => row.id));
      const storedChat = new Set(chat.rows.map((row: { id: string }) => row.id));
      expect([...acknowledged.ideas].filter((id) => !storedIdeas.has(id))).toEqual([]);
      expect([...acknowledged.chat].filter((id) => !storedChat.has(id))).toEqual([]);
      expect(acknowledged.ideas.size).toBe(1);
      expect(acknowledged.chat.size).toBe(2);
    } finally {
      await db.end();
    }
  });
});
