/**
 * One order per room: commands that meet in the middle of one another's store writes still end as if
 * they had run one after the other. Every write here takes 50 ms (a busy PostgreSQL), so a message
 * sent a few milliseconds after another lands while the first one waits for its write.
 */
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Client } from "@colyseus/sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import { ROOM_NAME } from "../../shared/protocol/http-api.ts";
import type { AuditLogResponse } from "../../shared/protocol/room-messages.ts";
import { type HallPerson, hallWith } from "../support/hall-people.ts";
import { waitFor } from "../support/room-clients.ts";
import { storeFaults } from "../support/store-faults.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const WRITE_DELAY_MS = 50;
/** Several state patches (50 ms each) after the last write: a late change would have shown by then. */
const SETTLE_MS = 300;
const POLL = { timeout: 3_000, interval: 10 };

const faults = storeFaults();
let server: TestServer;
let db: DatabaseSync;

beforeAll(async () => {
  server = await startTestServer({}, { wrapStore: faults.wrap });
  db = new DatabaseSync(path.join(server.dataDir, "plenum.sqlite"), { readOnly: true });
});

afterEach(() => {
  faults.delayMs = 0;
  faults.onWrite = undefined;
  faults.failNth(0);
});

afterAll(async () => {
  db.close();
  await server.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Person = HallPerson;
/** A facilitator and citizens in one hall, everyone seeing everyone, before writes slow down. */
const hall = (title: string, names: string[]) =>
  hallWith(server, title, names, (name) => ({ deviceKey: `device-${name}`.padEnd(24, "x") }));

async function raiseHands(facilitator: Person, people: Person[]): Promise<void> {
  for (const person of people) {
    person.room.send("raise_hand", {});
    await waitFor(`${person.id}'s hand in the queue`, () =>
      facilitator.room.state.speakingQueue.includes(person.id),
    );
  }
}

async function auditActions(facilitator: Person): Promise<string[]> {
  const answer: AuditLogResponse = await facilitator.room.request("audit_log", {});
  return answer.ok ? answer.entries.map((entry) => entry.action) : [];
}

async function leaveAll(people: Person[]): Promise<void> {
  faults.delayMs = 0;
  await Promise.all(
    people.map((p) =>
      p.room.connection.isOpen
        ? Promise.race([p.room.leave().catch(() => undefined), sleep(1_000)])
        : undefined,
    ),
  );
}

describe("floor and queue commands in the middle of one another", () => {
  it("keeps a hand raised while the floor is being given", async () => {
    const { facilitator, citizens, everyone } = await hall("Hand during give", ["Ana", "Bram"]);
    const [ana, bram] = citizens as [Person, Person];
    await raiseHands(facilitator, [ana]);
    faults.delayMs = WRITE_DELAY_MS;
    facilitator.room.send("give_floor", { participantId: ana.id });
    await sleep(10);
    bram.room.send("raise_hand", {});
    await expect.poll(() => facilitator.room.state.floor.holderId, POLL).toBe(ana.id);
    await sleep(SETTLE_MS);
    await expect.poll(() => [...facilitator.room.state.speakingQueue], POLL).toEqual([bram.id]);
    expect(facilitator.room.state.participants.get(bram.id)?.handRaised).toBe(true);
    await leaveAll(everyone);
  });

  it("gives the floor to nobody who left while it was being given, and keeps no ghost in the queue", async () => {
    const { facilitator, citizens, everyone } = await hall("Leave during give", ["Ana", "Bram", "Chloe"]);
    const [ana, bram, chloe] = citizens as [Person, Person, Person];
    await raiseHands(facilitator, [ana, bram]);
    faults.delayMs = WRITE_DELAY_MS;
    // Ana is given the floor and Bram is waiting behind her; both leave while the floor is given.
    facilitator.room.send("give_floor", { participantId: ana.id });
    await sleep(10);
    await Promise.all([ana.room.leave(), bram.room.leave()]);
    await expect.poll(() => auditActions(facilitator), POLL).toContain("give_floor");
    await sleep(SETTLE_MS);
    await expect
      .poll(
        () => ({
          holder: facilitator.room.state.floor.holderId,
          queue: [...facilitator.room.state.speakingQueue],
          present: [...facilitator.room.state.participants.keys()].sort(),
        }),
        POLL,
      )
      .toEqual({ holder: "", queue: [], present: [facilitator.id, chloe.id].sort() });
    await leaveAll(everyone);
  });

  it("never brings back a floor that was taken while its extension was pending", async () => {
    const { facilitator, citizens, everyone } = await hall("Extend and take", ["Ana"]);
    const [ana] = citizens as [Person];
    await raiseHands(facilitator, [ana]);
    facilitator.room.send("give_floor", { participantId: ana.id, limitSeconds: 60 });
    await waitFor("Ana to have the floor", () => facilitator.room.state.floor.holderId === ana.id);
    faults.delayMs = WRITE_DELAY_MS;
    facilitator.room.send("take_floor", {});
    await sleep(10);
    facilitator.room.send("extend_floor", { seconds: 30 });
    await expect.poll(() => auditActions(facilitator), POLL).toContain("take_floor");
    await sleep(SETTLE_MS);
    await expect
      .poll(
        () => ({
          holder: facilitator.room.state.floor.holderId,
          anaHasFloor: facilitator.room.state.participants.get(ana.id)?.hasFloor,
        }),
        POLL,
      )
      .toEqual({ holder: "", anaHasFloor: false });
    expect(await auditActions(facilitator)).not.toContain("extend_floor");
    await leaveAll(everyone);
  });

  it("ends closed with nobody holding the floor when the floor is given while closing", async () => {
    const { facilitator, citizens, everyone } = await hall("Close and give", ["Ana"]);
    const [ana] = citizens as [Person];
    await raiseHands(facilitator, [ana]);
    faults.delayMs = WRITE_DELAY_MS;
    // The floor is given while the close stores its report: decided while still open, stored after.
    faults.onWrite = (method) => {
      if (method === "saveReport") facilitator.room.send("give_floor", { participantId: ana.id });
    };
    const answer: MethodAnswer = await facilitator.room.request("close_consultation", {});
    expect(answer).toEqual({ ok: true });
    await sleep(SETTLE_MS);
    await expect
      .poll(
        () => ({
          phase: facilitator.room.state.consultation.phase,
          holder: facilitator.room.state.floor.holderId,
          anaHasFloor: ana.room.state.participants.get(ana.id)?.hasFloor,
          queue: [...facilitator.room.state.speakingQueue],
        }),
        POLL,
      )
      .toEqual({ phase: "closed", holder: "", anaHasFloor: false, queue: [] });
    await leaveAll(everyone);
  });
});

describe("moderation is all or nothing", () => {
  function stored(consultationId: string, participantId: string) {
    return {
      status: (
        db.prepare("SELECT status FROM participants WHERE id = ?").get(participantId) as { status: string }
      ).status,
      bans: Number(
        (
          db.prepare("SELECT COUNT(*) AS n FROM bans WHERE consultation_id = ?").get(consultationId) as {
            n: number;
          }
        ).n,
      ),
    };
  }

  it("leaves everything as before when a ban's audit entry cannot be written", async () => {
    const { consultation, facilitator, citizens, everyone } = await hall("Failed ban", ["Lena"]);
    const [lena] = citizens as [Person];
    // The ban's writes: Lena's status, the ban of her one device, then the audit entry, which fails.
    faults.failNth(3);
    facilitator.room.send("ban_participant", { participantId: lena.id, reason: "Threats" });
    await expect.poll(() => facilitator.errors.map((e) => e.code), POLL).toContain("internal");
    await sleep(SETTLE_MS);
    expect(stored(consultation.id, lena.id)).toEqual({ status: "active", bans: 0 });
    await expect.poll(() => facilitator.room.state.participants.has(lena.id), POLL).toBe(true);
    expect(lena.room.connection.isOpen).toBe(true);
    // She is still in, and can still act.
    lena.room.send("raise_hand", {});
    await expect.poll(() => [...facilitator.room.state.speakingQueue], POLL).toEqual([lena.id]);
    // And the next ban goes through whole.
    facilitator.room.send("ban_participant", { participantId: lena.id, reason: "Threats" });
    await expect.poll(() => facilitator.room.state.participants.has(lena.id), POLL).toBe(false);
    expect(stored(consultation.id, lena.id)).toEqual({ status: "banned", bans: 1 });
    await leaveAll(everyone);
  });

  it("lets a banned participant do nothing more, not even what they sent while the ban was stored", async () => {
    const { consultation, facilitator, citizens, everyone } = await hall("Acts during ban", ["Lena"]);
    const [lena] = citizens as [Person];
    faults.delayMs = WRITE_DELAY_MS;
    // Lena raises her hand and posts an idea while her ban is being stored: both wait behind it.
    faults.onWrite = (method) => {
      if (method !== "setParticipantStatus") return;
      faults.onWrite = undefined;
      lena.room.send("raise_hand", {});
      lena.room.request("post_idea", { text: "One more thing" }).catch(() => undefined);
    };
    facilitator.room.send("ban_participant", { participantId: lena.id, reason: "Threats" });
    await expect.poll(() => facilitator.room.state.participants.has(lena.id), POLL).toBe(false);
    await sleep(SETTLE_MS);
    expect(stored(consultation.id, lena.id)).toEqual({ status: "banned", bans: 1 });
    const ideas = db
      .prepare("SELECT COUNT(*) AS n FROM ideas WHERE consultation_id = ?")
      .get(consultation.id);
    expect(Number((ideas as { n: number }).n)).toBe(0);
    expect(facilitator.room.state.ideas.size).toBe(0);
    expect([...facilitator.room.state.speakingQueue]).toEqual([]);
    await leaveAll(everyone);
  });

  it.each([
    ["ban_participant", "banned"],
    ["remove_participant", "removed"],
  ])("keeps out a participant whose session ended (%s) while their seat was reserved", async (type, code) => {
    const { consultation, facilitator, citizens, everyone } = await hall(`Ended in the window: ${code}`, [
      "Lena",
    ]);
    const [lena] = citizens as [Person];
    // A second tab: matchmaking checks her session and reserves a seat, but she has not taken it yet.
    const response = await fetch(`${server.url}/matchmake/joinOrCreate/${ROOM_NAME}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ consultationId: consultation.id, sessionToken: lena.join.sessionToken }),
    });
    expect(response.status).toBe(200);
    const reservation = await response.json();
    facilitator.room.send(type, { participantId: lena.id, reason: "Threats" });
    await expect.poll(() => facilitator.room.state.participants.has(lena.id), POLL).toBe(false);
    await expect(new Client(server.url).consumeSeatReservation(reservation)).rejects.toThrow(
      new RegExp(code),
    );
    await sleep(SETTLE_MS);
    await expect.poll(() => facilitator.room.state.participants.has(lena.id), POLL).toBe(false);
    await leaveAll(everyone);
  });
});
