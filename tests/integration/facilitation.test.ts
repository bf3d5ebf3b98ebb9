/**
 * Facilitators run the room: the speaking queue, the floor and its timer, modes, moderation, reports
 * and the audit log, on a real server with real SDK clients. The server decides every action from its
 * own view of the sender's role; a refused action changes nothing in the state or the store.
 */
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { ErrorCode } from "../../shared/protocol/error-codes.ts";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import type {
  AuditLogResponse,
  PeopleResponse,
  ReportReceived,
} from "../../shared/protocol/room-messages.ts";
import { collectErrors, enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let db: DatabaseSync;

beforeAll(async () => {
  server = await startTestServer();
  db = new DatabaseSync(path.join(server.dataDir, "plenum.sqlite"), { readOnly: true });
});

afterAll(async () => {
  db.close();
  await server.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than a state patch (50 ms) and than the error-reply rate limit needs to refill one reply. */
const SETTLE_MS = 250;

function deviceKey(label: string): string {
  return `device-${label}-${Math.random().toString(36).slice(2)}`.padEnd(24, "x");
}

interface Person {
  readonly join: JoinResponse;
  readonly room: HallRoom;
  readonly errors: { code: string; message: string }[];
  readonly id: string;
}

async function facilitatorJoin(facilitatorKey: string, displayName = "Fatima"): Promise<JoinResponse> {
  const { status, body } = await server.post<JoinResponse>("/api/join", {
    facilitatorKey,
    displayName,
    color: "#aa8800",
    acceptCodeOfConduct: true,
  });
  if (status !== 200) throw new Error(`facilitator join failed: ${status}`);
  return body;
}

async function enter(join: JoinResponse, options: Record<string, unknown> = {}): Promise<Person> {
  const room = await enterHall(server.url, join, options);
  // Reports reach facilitators only; tests that look for them register their own listener.
  room.onMessage("report_received", () => undefined);
  await waitFor("own avatar", () => room.state.participants?.has(join.participantId) === true);
  return { join, room, errors: collectErrors(room), id: join.participantId };
}

/** A consultation with a facilitator and the given citizens, everyone in the hall and seeing everyone. */
async function hall(title: string, names: string[]) {
  const consultation = await server.createConsultation(title);
  const facilitator = await enter(await facilitatorJoin(consultation.facilitatorKey));
  const citizens: Person[] = [];
  for (const name of names) citizens.push(await enter(await server.join(consultation.joinCode, name)));
  const everyone = [facilitator, ...citizens];
  await waitFor("everyone to see everyone", () =>
    everyone.every((p) => p.room.state.participants.size === everyone.length),
  );
  return { consultation, facilitator, citizens, everyone };
}

/** Leaves, without waiting on connections the server already closed (removed or banned). */
async function leaveAll(people: Person[]) {
  await Promise.all(
    people.map((p) =>
      p.room.connection.isOpen
        ? Promise.race([p.room.leave().catch(() => undefined), sleep(1_000)])
        : undefined,
    ),
  );
}

/** What the store holds about a consultation that moderation could change. */
function storeSnapshot(consultationId: string): string {
  return JSON.stringify({
    consultation: db
      .prepare("SELECT locked, speaking_mode, access FROM consultations WHERE id = ?")
      .get(consultationId),
    participants: db
      .prepare("SELECT id, role, status FROM participants WHERE consultation_id = ? ORDER BY id")
      .all(consultationId),
    bans: db.prepare("SELECT COUNT(*) AS n FROM bans WHERE consultation_id = ?").get(consultationId),
    audit: auditCount(consultationId),
  });
}

function auditCount(consultationId: string): number {
  return Number(
    (
      db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE consultation_id = ?").get(consultationId) as {
        n: number;
      }
    ).n,
  );
}

function stateSnapshot(room: HallRoom): string {
  return JSON.stringify(room.state.toJSON());
}

/** `lead` is the first through the facilitator link; `facilitator` came through it after. */
type ActorKind = "lead" | "facilitator" | "co_facilitator" | "citizen" | "observer";
const ACTOR_KINDS: ActorKind[] = ["lead", "facilitator", "co_facilitator", "citizen", "observer"];

interface MatrixHall {
  consultationId: string;
  facilitatorKey: string;
  /** The lead. */
  facilitator: Person;
  /** Another facilitator who came through the link, whom only the lead may act on; replaced after. */
  f2: Person;
  actor: Person;
  /** v1 is acted on; v2 is removed; v3 is banned. */
  v1: Person;
  v2: Person;
  v3: Person;
  observers: Person[];
}

interface Step {
  readonly name: string;
  /** Prepares the hall (run by the facilitator or victims; not part of what is judged). */
  readonly before?: (h: MatrixHall) => Promise<void>;
  readonly send: (h: MatrixHall) => void;
  /** "ok", or the error code each actor must get. */
  readonly expected: Record<ActorKind, "ok" | ErrorCode>;
  /** True once the state shows the action took effect. */
  readonly done: (h: MatrixHall) => boolean;
  /** How many audit rows a success adds. */
  readonly audited: number;
  /** Puts the hall back after a success (run by the facilitator). */
  readonly after?: (h: MatrixHall) => Promise<void>;
}

const facilitatorsOnly = {
  lead: "ok",
  facilitator: "ok",
  co_facilitator: "ok",
  citizen: "not_allowed",
  observer: "not_allowed",
} as const;
/** What everyone gets for acting against the lead. */
const facilitatorProtected = {
  lead: "cannot_target_self",
  facilitator: "protected_participant",
  co_facilitator: "protected_participant",
  citizen: "not_allowed",
  observer: "not_allowed",
} as const;
/** What everyone gets for an action that only the lead may take, aimed at the lead. */
const leadOnlyOnTheLead = {
  lead: "cannot_target_self",
  facilitator: "not_allowed",
  co_facilitator: "not_allowed",
  citizen: "not_allowed",
  observer: "not_allowed",
} as const;
const participantOf = (h: MatrixHall, p: Person) => h.facilitator.room.state.participants.get(p.id);

async function byFacilitator(h: MatrixHall, type: string, body: unknown, until: () => boolean) {
  h.facilitator.room.send(type, body);
  await waitFor(`the facilitator's ${type}`, until);
}

/** Puts v1 back to citizen after a step changed their role. */
const makeV1CitizenAgain = (h: MatrixHall) =>
  byFacilitator(
    h,
    "set_role",
    { participantId: h.v1.id, role: "citizen" },
    () => participantOf(h, h.v1)?.role === "citizen",
  );

/** After the lead demoted or removed f2, another facilitator comes through the link to take their place. */
async function replaceF2(h: MatrixHall): Promise<void> {
  const old = h.f2;
  if (old.room.connection.isOpen) await old.room.leave();
  await waitFor("the old f2 to leave", () => !h.facilitator.room.state.participants.has(old.id));
  h.f2 = await enter(await facilitatorJoin(h.facilitatorKey, "F2"));
  await waitFor("the new f2", () => h.actor.room.state.participants.has(h.f2.id));
}

const STEPS: Step[] = [
  {
    name: "raise own hand",
    send: (h) => h.actor.room.send("raise_hand", {}),
    expected: { lead: "ok", facilitator: "ok", co_facilitator: "ok", citizen: "ok", observer: "not_allowed" },
    done: (h) => participantOf(h, h.actor)?.handRaised === true,
    audited: 0,
    after: async (h) => {
      h.actor.room.send("lower_hand", {});
      await waitFor("own hand down", () => participantOf(h, h.actor)?.handRaised === false);
    },
  },
  {
    name: "lower someone else's hand",
    before: async (h) => {
      h.v1.room.send("raise_hand", {});
      await waitFor("v1's hand up", () => participantOf(h, h.v1)?.handRaised === true);
    },
    send: (h) => h.actor.room.send("lower_hand", { participantId: h.v1.id }),
    expected: facilitatorsOnly,
    done: (h) => participantOf(h, h.v1)?.handRaised === false,
    audited: 1,
  },
  {
    name: "give the floor with a time limit",
    send: (h) => h.actor.room.send("give_floor", { participantId: h.v1.id, limitSeconds: 600 }),
    expected: facilitatorsOnly,
    done: (h) => participantOf(h, h.v1)?.hasFloor === true && h.facilitator.room.state.floor.endsAt > 0,
    audited: 1,
    after: async (h) => {
      await byFacilitator(h, "take_floor", {}, () => h.facilitator.room.state.floor.holderId === "");
    },
  },
  {
    name: "extend the floor",
    before: async (h) => {
      await byFacilitator(
        h,
        "give_floor",
        { participantId: h.v1.id, limitSeconds: 600 },
        () => participantOf(h, h.v1)?.hasFloor === true,
      );
    },
    send: (h) => h.actor.room.send("extend_floor", { seconds: 120 }),
    expected: facilitatorsOnly,
    done: (h) => h.facilitator.room.state.floor.endsAt > Date.now() + 650_000,
    audited: 1,
  },
  {
    name: "take the floor back",
    send: (h) => h.actor.room.send("take_floor", {}),
    expected: facilitatorsOnly,
    done: (h) => participantOf(h, h.v1)?.hasFloor === false,
    audited: 1,
    after: async () => undefined,
  },
  {
    name: "switch to open mode",
    before: async (h) => {
      if (h.facilitator.room.state.floor.holderId !== "") {
        await byFacilitator(h, "take_floor", {}, () => h.facilitator.room.state.floor.holderId === "");
      }
    },
    send: (h) => h.actor.room.send("set_mode", { mode: "open" }),
    expected: facilitatorsOnly,
    done: (h) => h.facilitator.room.state.consultation.mode === "open",
    audited: 1,
    after: async (h) => {
      await byFacilitator(
        h,
        "set_mode",
        { mode: "town_hall" },
        () => h.facilitator.room.state.consultation.mode === "town_hall",
      );
    },
  },
  {
    name: "mute someone",
    send: (h) => h.actor.room.send("mute_participant", { participantId: h.v1.id, reason: "echo" }),
    expected: facilitatorsOnly,
    done: (h) => participantOf(h, h.v1)?.mutedByFacilitator === true,
    audited: 1,
  },
  {
    name: "lift someone's mute",
    before: async (h) => {
      if (!participantOf(h, h.v1)?.mutedByFacilitator) {
        await byFacilitator(
          h,
          "mute_participant",
          { participantId: h.v1.id },
          () => participantOf(h, h.v1)?.mutedByFacilitator === true,
        );
      }
    },
    send: (h) => h.actor.room.send("unmute_participant", { participantId: h.v1.id }),
    expected: facilitatorsOnly,
    done: (h) => participantOf(h, h.v1)?.mutedByFacilitator === false,
    audited: 1,
  },
  {
    name: "mute everyone",
    before: async (h) => {
      if (participantOf(h, h.v1)?.mutedByFacilitator) {
        await byFacilitator(
          h,
          "unmute_participant",
          { participantId: h.v1.id },
          () => participantOf(h, h.v1)?.mutedByFacilitator === false,
        );
      }
    },
    send: (h) => h.actor.room.send("mute_all", {}),
    expected: facilitatorsOnly,
    done: (h) =>
      participantOf(h, h.v1)?.mutedByFacilitator === true &&
      participantOf(h, h.v2)?.mutedByFacilitator === true,
    audited: 1,
  },
  {
    name: "move someone to a seat",
    send: (h) => h.actor.room.send("move_participant", { participantId: h.v1.id, seat: 7 }),
    expected: facilitatorsOnly,
    done: (h) => participantOf(h, h.v1)?.seat === 7,
    audited: 1,
  },
  {
    name: "lock the room",
    send: (h) => h.actor.room.send("lock_room", { locked: true }),
    expected: facilitatorsOnly,
    done: (h) => h.facilitator.room.state.consultation.locked === true,
    audited: 1,
    after: async (h) => {
      await byFacilitator(
        h,
        "lock_room",
        { locked: false },
        () => h.facilitator.room.state.consultation.locked === false,
      );
    },
  },
  {
    name: "choose who may take part",
    send: (h) => h.actor.room.send("set_access", { access: "invitation" }),
    expected: facilitatorsOnly,
    done: (h) => h.facilitator.room.state.consultation.access === "invitation",
    audited: 1,
    after: async (h) => {
      await byFacilitator(
        h,
        "set_access",
        { access: "open" },
        () => h.facilitator.room.state.consultation.access === "open",
      );
    },
  },
  {
    name: "make someone an observer",
    send: (h) => h.actor.room.send("set_role", { participantId: h.v1.id, role: "observer" }),
    expected: facilitatorsOnly,
    done: (h) => participantOf(h, h.v1)?.role === "observer",
    audited: 1,
    after: makeV1CitizenAgain,
  },
  {
    name: "promote someone to co-facilitator",
    send: (h) => h.actor.room.send("set_role", { participantId: h.v1.id, role: "co_facilitator" }),
    expected: {
      lead: "ok",
      facilitator: "ok",
      co_facilitator: "not_allowed",
      citizen: "not_allowed",
      observer: "not_allowed",
    },
    done: (h) => participantOf(h, h.v1)?.role === "co_facilitator",
    audited: 1,
    after: makeV1CitizenAgain,
  },
  {
    name: "remove the facilitator",
    send: (h) => h.actor.room.send("remove_participant", { participantId: h.facilitator.id, reason: "coup" }),
    expected: facilitatorProtected,
    done: () => false,
    audited: 0,
  },
  {
    name: "demote the facilitator",
    send: (h) => h.actor.room.send("set_role", { participantId: h.facilitator.id, role: "observer" }),
    // Changing a facilitator's role is the lead's alone, and nobody acts on the lead.
    expected: leadOnlyOnTheLead,
    done: () => false,
    audited: 0,
  },
  {
    name: "take the lead's facilitator rights",
    send: (h) => h.actor.room.send("demote_facilitator", { participantId: h.facilitator.id }),
    expected: leadOnlyOnTheLead,
    done: () => false,
    audited: 0,
  },
  {
    name: "demote another facilitator",
    send: (h) => h.actor.room.send("demote_facilitator", { participantId: h.f2.id }),
    expected: {
      lead: "ok",
      facilitator: "not_allowed",
      co_facilitator: "not_allowed",
      citizen: "not_allowed",
      observer: "not_allowed",
    },
    done: (h) => participantOf(h, h.f2)?.role === "citizen",
    audited: 1,
    after: replaceF2,
  },
  {
    name: "remove another facilitator",
    send: (h) => h.actor.room.send("remove_participant", { participantId: h.f2.id, reason: "intruder" }),
    expected: {
      lead: "ok",
      facilitator: "protected_participant",
      co_facilitator: "protected_participant",
      citizen: "not_allowed",
      observer: "not_allowed",
    },
    done: (h) => !h.facilitator.room.state.participants.has(h.f2.id),
    audited: 1,
    after: replaceF2,
  },
  {
    name: "report someone",
    send: (h) => h.actor.room.send("report", { participantId: h.v1.id, reason: "keeps interrupting" }),
    expected: { lead: "ok", facilitator: "ok", co_facilitator: "ok", citizen: "ok", observer: "ok" },
    done: () => true,
    audited: 1,
  },
  {
    name: "remove someone",
    send: (h) => h.actor.room.send("remove_participant", { participantId: h.v2.id, reason: "off topic" }),
    expected: facilitatorsOnly,
    done: (h) => !h.facilitator.room.state.participants.has(h.v2.id),
    audited: 1,
  },
  {
    name: "ban someone",
    send: (h) => h.actor.room.send("ban_participant", { participantId: h.v3.id, reason: "abuse" }),
    expected: facilitatorsOnly,
    done: (h) => !h.facilitator.room.state.participants.has(h.v3.id),
    audited: 1,
  },
];

async function matrixHall(kind: ActorKind): Promise<MatrixHall> {
  const names = kind === "lead" || kind === "facilitator" ? ["V1", "V2", "V3"] : ["Actor", "V1", "V2", "V3"];
  const { consultation, facilitator, citizens } = await hall(`Matrix: ${kind}`, names);
  const second =
    kind === "facilitator"
      ? await enter(await facilitatorJoin(consultation.facilitatorKey, "Actor"))
      : undefined;
  const f2 = await enter(await facilitatorJoin(consultation.facilitatorKey, "F2"));
  const [actor, v1, v2, v3] =
    kind === "lead" ? [facilitator, ...citizens] : second ? [second, ...citizens] : citizens;
  if (!actor || !v1 || !v2 || !v3) throw new Error("hall not complete");
  const h: MatrixHall = {
    consultationId: consultation.id,
    facilitatorKey: consultation.facilitatorKey,
    facilitator,
    f2,
    actor,
    v1,
    v2,
    v3,
    observers: [],
  };
  const everyone = kind === "lead" ? 5 : 6;
  await waitFor("the actor to see everyone", () => actor.room.state.participants.size === everyone);
  if (kind === "co_facilitator" || kind === "observer") {
    await byFacilitator(
      h,
      "set_role",
      { participantId: actor.id, role: kind },
      () => participantOf(h, actor)?.role === kind,
    );
    await waitFor(
      "the actor to see its own role",
      () => actor.room.state.participants.get(actor.id)?.role === kind,
    );
  }
  return h;
}

describe("authorisation matrix", () => {
  for (const kind of ACTOR_KINDS) {
    it(`lets ${kind === "observer" ? "an" : "a"} ${kind} do only what the table allows; refusals change nothing`, {
      timeout: 40_000,
    }, async () => {
      const h = await matrixHall(kind);
      const outcomes: Record<string, string> = {};
      for (const step of STEPS) {
        await step.before?.(h);
        await sleep(SETTLE_MS);
        const expected = step.expected[kind];
        const stateBefore = stateSnapshot(h.facilitator.room);
        const storeBefore = storeSnapshot(h.consultationId);
        const auditBefore = auditCount(h.consultationId);
        const errorsBefore = h.actor.errors.length;
        step.send(h);
        if (expected === "ok") {
          await waitFor(
            `${step.name} to take effect`,
            () => step.done(h) && auditCount(h.consultationId) === auditBefore + step.audited,
          );
          outcomes[step.name] = "ok";
          await step.after?.(h);
        } else {
          await waitFor(`${step.name} to be refused`, () => h.actor.errors.length > errorsBefore);
          await sleep(SETTLE_MS);
          outcomes[step.name] = h.actor.errors[errorsBefore]?.code ?? "none";
          expect(stateSnapshot(h.facilitator.room), `state after refused "${step.name}"`).toBe(stateBefore);
          expect(storeSnapshot(h.consultationId), `store after refused "${step.name}"`).toBe(storeBefore);
        }
      }
      // Reading the audit log and the list of everyone who came are requests: answered, or refused
      // with the same code.
      const answer = (await h.actor.room.request("audit_log", {})) as AuditLogResponse;
      outcomes["read the audit log"] = answer.ok ? "ok" : answer.error.code;
      const people = (await h.actor.room.request("people", {})) as PeopleResponse;
      outcomes["list everyone who came"] = people.ok ? "ok" : people.error.code;
      const facilitating = kind === "lead" || kind === "facilitator" || kind === "co_facilitator";
      expect(outcomes).toEqual({
        ...Object.fromEntries(STEPS.map((step) => [step.name, step.expected[kind]])),
        "read the audit log": facilitating ? "ok" : "not_allowed",
        "list everyone who came": facilitating ? "ok" : "not_allowed",
      });
      await leaveAll([h.facilitator, h.f2, h.actor, h.v1, h.v2, h.v3]);
    });
  }
});

describe("speaking queue and floor", () => {
  it("orders hands by when they went up, gives the floor to the next or to anyone, and takes it back", async () => {
    const { facilitator, citizens, everyone } = await hall("Queue", ["Ann", "Bram", "Chloé"]);
    const [ann, bram, chloe] = citizens as [Person, Person, Person];
    const state = () => facilitator.room.state;
    for (const person of [bram, chloe, ann]) {
      person.room.send("raise_hand", {});
      await waitFor(
        `${person.join.participantId}'s hand`,
        () => state().participants.get(person.id)?.handRaised === true,
      );
    }
    bram.room.send("raise_hand", {});
    await sleep(SETTLE_MS);
    expect([...state().speakingQueue]).toEqual([bram.id, chloe.id, ann.id]);

    facilitator.room.send("give_floor", { next: true });
    await waitFor("Bram to have the floor", () => state().participants.get(bram.id)?.hasFloor === true);
    expect([...state().speakingQueue]).toEqual([chloe.id, ann.id]);
    expect(state().floor.holderId).toBe(bram.id);
    expect(state().floor.endsAt).toBe(0);
    // The floor opens the right to speak, not the microphone: Bram unmutes himself; Chloé may not.
    expect(state().participants.get(bram.id)?.muted).toBe(true);
    bram.room.send("mute", { muted: false });
    chloe.room.send("mute", { muted: false });
    await waitFor("Bram unmuted", () => state().participants.get(bram.id)?.muted === false);
    await waitFor("Chloé refused", () => chloe.errors.length === 1);
    expect(chloe.errors[0]?.code).toBe("floor_required");

    facilitator.room.send("give_floor", { participantId: ann.id, limitSeconds: 90 });
    await waitFor("Ann to have the floor", () => state().participants.get(ann.id)?.hasFloor === true);
    expect(state().participants.get(bram.id)).toMatchObject({
      hasFloor: false,
      muted: true,
      canSpeak: false,
    });
    expect([...state().speakingQueue]).toEqual([chloe.id]);
    expect(state().floor.endsAt).toBeGreaterThan(Date.now() + 80_000);

    facilitator.room.send("take_floor", {});
    await waitFor("the floor to be free", () => state().floor.holderId === "");
    expect(state().participants.get(ann.id)?.hasFloor).toBe(false);
    facilitator.room.send("take_floor", {});
    await waitFor("the second take refused", () => facilitator.errors.length === 1);
    expect(facilitator.errors[0]?.code).toBe("nobody_has_floor");
    chloe.room.send("lower_hand", {});
    await waitFor("the queue to empty", () => state().speakingQueue.length === 0);
    await sleep(SETTLE_MS);
    facilitator.room.send("give_floor", { next: true });
    await waitFor("an empty queue refused", () => facilitator.errors.length === 2);
    expect(facilitator.errors[1]?.code).toBe("queue_empty");
    await leaveAll(everyone);
  });

  it("mutes the speaker when the time limit and the grace run out", { timeout: 20_000 }, async () => {
    const { consultation, facilitator, citizens, everyone } = await hall("Timer", ["Dirk"]);
    const [dirk] = citizens as [Person];
    const state = () => dirk.room.state;
    facilitator.room.send("give_floor", { participantId: dirk.id, limitSeconds: 1 });
    await waitFor("Dirk to have the floor", () => state().participants.get(dirk.id)?.hasFloor === true);
    expect(state().floor.graceMs).toBe(5_000);
    dirk.room.send("mute", { muted: false });
    await waitFor("Dirk unmuted", () => state().participants.get(dirk.id)?.muted === false);
    await sleep(1_500);
    // In the grace period: the countdown is at zero, Dirk still speaks.
    expect(state().participants.get(dirk.id)).toMatchObject({ hasFloor: true, muted: false });
    await waitFor(
      "Dirk muted when the grace ends",
      () => state().participants.get(dirk.id)?.muted === true,
      8_000,
    );
    expect(state().participants.get(dirk.id)).toMatchObject({ hasFloor: false, canSpeak: false });
    expect(state().floor.holderId).toBe("");
    const actions = db
      .prepare("SELECT action FROM audit_log WHERE consultation_id = ? ORDER BY id")
      .all(consultation.id);
    expect(actions.map((row) => row.action)).toEqual(["give_floor", "floor_expired"]);
    await leaveAll(everyone);
  });
});

describe("closing the consultation", () => {
  it("takes the floor back, lowers every hand and refuses new hands and floors", async () => {
    const { consultation, facilitator, citizens, everyone } = await hall("Closing", ["Gert", "Hanna"]);
    const [gert, hanna] = citizens as [Person, Person];
    facilitator.room.send("give_floor", { participantId: gert.id, limitSeconds: 600 });
    hanna.room.send("raise_hand", {});
    for (const person of everyone) {
      await waitFor(
        `${person.join.participantId} to see Gert speaking and Hanna waiting`,
        () =>
          person.room.state.floor.holderId === gert.id &&
          [...person.room.state.speakingQueue].join(" ") === hanna.id,
      );
    }
    gert.room.send("mute", { muted: false });
    await waitFor("Gert unmuted", () => gert.room.state.participants.get(gert.id)?.muted === false);
    expect(gert.room.state.participants.get(gert.id)?.canSpeak).toBe(true);

    const answer = (await facilitator.room.request("close_consultation", {})) as MethodAnswer;
    expect(answer.ok).toBe(true);
    for (const person of everyone) {
      await waitFor(
        `${person.join.participantId} to see no floor and no queue`,
        () =>
          person.room.state.consultation.phase === "closed" &&
          person.room.state.floor.holderId === "" &&
          person.room.state.speakingQueue.length === 0,
      );
      const seen = person.room.state;
      expect(seen.floor.endsAt).toBe(0);
      expect(seen.participants.get(gert.id)).toMatchObject({ hasFloor: false, canSpeak: false, muted: true });
      expect(seen.participants.get(hanna.id)?.handRaised).toBe(false);
    }
    const audit = db
      .prepare("SELECT action, target_id AS target FROM audit_log WHERE consultation_id = ? ORDER BY id")
      .all(consultation.id);
    expect(audit).toEqual([
      { action: "give_floor", target: gert.id },
      { action: "take_floor", target: gert.id },
      { action: "dismiss_hand", target: hanna.id },
    ]);

    hanna.room.send("raise_hand", {});
    await waitFor("Hanna's hand refused", () => hanna.errors.length === 1);
    expect(hanna.errors[0]?.code).toBe("consultation_closed");
    facilitator.room.send("give_floor", { participantId: hanna.id });
    await waitFor("the floor refused", () => facilitator.errors.length === 1);
    expect(facilitator.errors[0]?.code).toBe("consultation_closed");
    await sleep(SETTLE_MS);
    expect(hanna.room.state.speakingQueue.length).toBe(0);
    expect(hanna.room.state.participants.get(hanna.id)).toMatchObject({ handRaised: false, hasFloor: false });
    await leaveAll(everyone);
  });

  it("keeps the speaking mode it closed with and refuses extending a floor, while moderation goes on", async () => {
    const { consultation, facilitator, citizens, everyone } = await hall("Closed mode", ["Ilse"]);
    const [ilse] = citizens as [Person];
    const answer = (await facilitator.room.request("close_consultation", {})) as MethodAnswer;
    expect(answer.ok).toBe(true);
    await waitFor("closed", () => facilitator.room.state.consultation.phase === "closed");

    facilitator.room.send("set_mode", { mode: "open" });
    await waitFor("the mode switch refused", () => facilitator.errors.length === 1);
    expect(facilitator.errors[0]).toEqual({
      code: "consultation_closed",
      message: "This consultation is closed.",
    });
    await sleep(SETTLE_MS);
    facilitator.room.send("extend_floor", { seconds: 60 });
    await waitFor("the extension refused", () => facilitator.errors.length === 2);
    expect(facilitator.errors[1]?.code).toBe("consultation_closed");

    // What keeps the people still in the hall safe is not frozen with the report.
    facilitator.room.send("lock_room", { locked: true });
    facilitator.room.send("mute_participant", { participantId: ilse.id });
    await waitFor(
      "the room locked and Ilse muted",
      () =>
        facilitator.room.state.consultation.locked &&
        facilitator.room.state.participants.get(ilse.id)?.mutedByFacilitator === true,
    );
    await sleep(SETTLE_MS);
    expect(facilitator.errors).toHaveLength(2);
    expect(facilitator.room.state.consultation.mode).toBe("town_hall");
    const stored = db
      .prepare("SELECT speaking_mode AS mode FROM consultations WHERE id = ?")
      .get(consultation.id);
    expect(stored?.mode).toBe("town_hall");
    const actions = db
      .prepare("SELECT action FROM audit_log WHERE consultation_id = ? ORDER BY id")
      .all(consultation.id);
    expect(actions.map((row) => row.action).sort()).toEqual(["lock", "mute"]);
    await leaveAll(everyone);
  });

  it("ends open speaking: citizens who could speak in open mode no longer may once closed", async () => {
    const { facilitator, citizens, everyone } = await hall("Closed open mode", ["Joost"]);
    const [joost] = citizens as [Person];
    facilitator.room.send("set_mode", { mode: "open" });
    await waitFor("open mode", () => joost.room.state.participants.get(joost.id)?.canSpeak === true);
    joost.room.send("mute", { muted: false });
    await waitFor("Joost unmuted", () => facilitator.room.state.participants.get(joost.id)?.muted === false);

    const answer = (await facilitator.room.request("close_consultation", {})) as MethodAnswer;
    expect(answer.ok).toBe(true);
    for (const person of everyone) {
      await waitFor(
        `${person.id} to see Joost silenced`,
        () =>
          person.room.state.consultation.phase === "closed" &&
          person.room.state.participants.get(joost.id)?.canSpeak === false,
      );
      expect(person.room.state.participants.get(joost.id)?.muted).toBe(true);
      expect(person.room.state.participants.get(facilitator.id)?.canSpeak).toBe(true);
    }
    // The mode stays as it closed; what ended is speaking without the floor.
    expect(facilitator.room.state.consultation.mode).toBe("open");
    joost.room.send("mute", { muted: false });
    await waitFor("Joost's unmute refused", () => joost.errors.length === 1);
    expect(joost.errors[0]?.code).toBe("consultation_closed");
    await sleep(SETTLE_MS);
    expect(facilitator.room.state.participants.get(joost.id)).toMatchObject({ muted: true, canSpeak: false });
    await leaveAll(everyone);
  });
});

describe("speaking modes and mutes", () => {
  it("lets everyone talk in open mode, and a facilitator's mute holds until lifted without opening the mic", async () => {
    const { facilitator, citizens, everyone } = await hall("Modes", ["Eva", "Femke"]);
    const [eva, femke] = citizens as [Person, Person];
    const state = () => facilitator.room.state;
    expect(state().consultation.mode).toBe("town_hall");
    expect(state().participants.get(facilitator.id)?.canSpeak).toBe(true);
    expect(state().participants.get(eva.id)?.canSpeak).toBe(false);
    facilitator.room.send("set_mode", { mode: "open" });
    await waitFor("open mode", () => state().participants.get(eva.id)?.canSpeak === true);
    eva.room.send("mute", { muted: false });
    femke.room.send("mute", { muted: false });
    await waitFor(
      "both unmuted",
      () =>
        state().participants.get(eva.id)?.muted === false &&
        state().participants.get(femke.id)?.muted === false,
    );

    facilitator.room.send("mute_participant", { participantId: eva.id });
    await waitFor("Eva muted", () => state().participants.get(eva.id)?.muted === true);
    expect(state().participants.get(eva.id)).toMatchObject({ mutedByFacilitator: true, canSpeak: false });
    eva.room.send("mute", { muted: false });
    await waitFor("Eva refused", () => eva.errors.length === 1);
    expect(eva.errors[0]?.code).toBe("muted_by_facilitator");

    facilitator.room.send("unmute_participant", { participantId: eva.id });
    await waitFor("Eva's mute lifted", () => state().participants.get(eva.id)?.mutedByFacilitator === false);
    expect(state().participants.get(eva.id)?.muted).toBe(true);
    eva.room.send("mute", { muted: false });
    await waitFor("Eva unmutes herself", () => state().participants.get(eva.id)?.muted === false);

    facilitator.room.send("mute_all", {});
    await waitFor(
      "everyone muted",
      () =>
        state().participants.get(eva.id)?.muted === true &&
        state().participants.get(femke.id)?.muted === true,
    );
    expect(state().participants.get(facilitator.id)?.mutedByFacilitator).toBe(false);

    facilitator.room.send("set_mode", { mode: "town_hall" });
    facilitator.room.send("unmute_participant", { participantId: femke.id });
    await waitFor("town-hall mode", () => state().consultation.mode === "town_hall");
    await waitFor(
      "Femke's mute lifted",
      () => state().participants.get(femke.id)?.mutedByFacilitator === false,
    );
    expect(state().participants.get(femke.id)?.canSpeak).toBe(false);
    await leaveAll(everyone);
  });
});

describe("lock, remove and ban", () => {
  it("refuses new joins while locked, over HTTP and into the room, but lets people who were in come back", async () => {
    const { consultation, facilitator, citizens, everyone } = await hall("Locked", ["Gert"]);
    const [gert] = citizens as [Person];
    const outsider = await server.join(consultation.joinCode, "Hanna");
    facilitator.room.send("lock_room", { locked: true });
    await waitFor("locked", () => facilitator.room.state.consultation.locked);

    const refused = await server.post<{ error: { code: string } }>("/api/join", {
      joinCode: consultation.joinCode,
      displayName: "Ilse",
      color: "#123456",
      acceptCodeOfConduct: true,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("room_locked");
    await expect(enterHall(server.url, outsider)).rejects.toThrow(/room_locked/);

    await gert.room.leave();
    const back = await enter(gert.join);
    expect(back.room.state.consultation.locked).toBe(true);
    const secondFacilitator = await facilitatorJoin(consultation.facilitatorKey, "Jan");
    expect(secondFacilitator.role).toBe("facilitator");

    facilitator.room.send("lock_room", { locked: false });
    await waitFor("unlocked", () => !facilitator.room.state.consultation.locked);
    const hanna = await enter(outsider);
    await leaveAll([facilitator, back, hanna, ...everyone.slice(2)]);
  });

  it("closes a removed participant's connection with its reason and refuses their old session", async () => {
    const { consultation, facilitator, citizens, everyone } = await hall("Removal", ["Karel"]);
    const [karel] = citizens as [Person];
    let closed: { code: number; reason?: string } | undefined;
    karel.room.onLeave((code, reason) => {
      closed = { code, reason };
    });
    facilitator.room.send("remove_participant", { participantId: karel.id, reason: "Please take a break" });
    await waitFor("Karel to be let go", () => closed !== undefined);
    expect(closed).toEqual({ code: 4102, reason: "Please take a break" });
    await expect(enterHall(server.url, karel.join)).rejects.toThrow(/removed/);
    const voice = await fetch(`${server.url}/api/voice-token`, {
      method: "POST",
      headers: { authorization: `Bearer ${karel.join.sessionToken}` },
    });
    expect(voice.status).toBe(403);
    // Removal is not a ban: a fresh join is let in.
    const again = await enter(await server.join(consultation.joinCode, "Karel"));
    await leaveAll([facilitator, again, ...everyone.slice(2)]);
  });

  it("keeps a banned participant out: old session, reconnection token, and new joins from the same browser", async () => {
    const consultation = await server.createConsultation("Ban");
    const facilitator = await enter(await facilitatorJoin(consultation.facilitatorKey));
    const key = deviceKey("lena");
    const lena = await enter(await server.join(consultation.joinCode, "Lena", { deviceKey: key }), {
      deviceKey: key,
    });
    await waitFor("Lena seen", () => facilitator.room.state.participants.has(lena.id));
    const reconnectionToken = lena.room.reconnectionToken;
    let closed: { code: number; reason?: string } | undefined;
    lena.room.onLeave((code, reason) => {
      closed = { code, reason };
    });
    facilitator.room.send("ban_participant", { participantId: lena.id, reason: "Threats" });
    await waitFor("Lena to be let go", () => closed !== undefined);
    expect(closed).toEqual({ code: 4103, reason: "Threats" });

    await expect(enterHall(server.url, lena.join)).rejects.toThrow(/banned/);
    await expect(new Client(server.url).reconnect(reconnectionToken)).rejects.toThrow();
    const sameBrowser = await server.post<{ error: { code: string } }>("/api/join", {
      joinCode: consultation.joinCode,
      displayName: "Not Lena",
      color: "#123456",
      acceptCodeOfConduct: true,
      deviceKey: key,
    });
    expect(sameBrowser.status).toBe(403);
    expect(sameBrowser.body.error.code).toBe("banned");
    // A session obtained without the key still cannot bring the banned browser's key into the room.
    const keyless = await server.join(consultation.joinCode, "Lena again");
    await expect(enterHall(server.url, keyless, { deviceKey: key })).rejects.toThrow(/banned/);
    // Another browser is not affected, and the ban is for this consultation only.
    const other = await enter(
      await server.join(consultation.joinCode, "Mia", { deviceKey: deviceKey("mia") }),
    );
    const elsewhere = await server.createConsultation("Elsewhere");
    expect(
      (
        await server.post("/api/join", {
          joinCode: elsewhere.joinCode,
          displayName: "Lena",
          color: "#123456",
          acceptCodeOfConduct: true,
          deviceKey: key,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await server.post("/api/join", {
          joinCode: consultation.joinCode,
          displayName: "X",
          color: "#123456",
          acceptCodeOfConduct: true,
          deviceKey: "short",
        })
      ).status,
    ).toBe(400);
    await leaveAll([facilitator, other]);
  });
});

describe("roles", () => {
  it("keeps a promotion across a reconnect with the old token, and lets the co-facilitator facilitate", async () => {
    const { facilitator, citizens, everyone } = await hall("Promotion", ["Nora", "Otto"]);
    const [nora, otto] = citizens as [Person, Person];
    facilitator.room.send("set_role", { participantId: nora.id, role: "co_facilitator" });
    await waitFor(
      "Nora promoted",
      () => facilitator.room.state.participants.get(nora.id)?.role === "co_facilitator",
    );
    await nora.room.leave();
    const back = await enter(nora.join);
    expect(back.room.state.participants.get(nora.id)?.role).toBe("co_facilitator");
    expect(back.room.state.participants.get(nora.id)?.canSpeak).toBe(true);
    back.room.send("give_floor", { participantId: otto.id });
    await waitFor(
      "Otto given the floor by Nora",
      () => facilitator.room.state.participants.get(otto.id)?.hasFloor === true,
    );

    facilitator.room.send("set_role", { participantId: nora.id, role: "observer" });
    await waitFor("Nora an observer", () => back.room.state.participants.get(nora.id)?.role === "observer");
    back.room.send("give_floor", { participantId: otto.id });
    await waitFor("Nora refused", () => back.errors.length === 1);
    expect(back.errors[0]?.code).toBe("not_allowed");
    await leaveAll([facilitator, back, otto, ...everyone.slice(3)]);
  });
});

describe("reports and the audit log", () => {
  it("delivers reports to facilitators and co-facilitators only", async () => {
    const { facilitator, citizens, everyone } = await hall("Reports", ["Piet", "Quinn", "Rosa", "Sam"]);
    const [piet, quinn, rosa, sam] = citizens as [Person, Person, Person, Person];
    facilitator.room.send("set_role", { participantId: quinn.id, role: "co_facilitator" });
    facilitator.room.send("set_role", { participantId: sam.id, role: "observer" });
    await waitFor("roles", () => quinn.room.state.participants.get(quinn.id)?.role === "co_facilitator");
    await waitFor("roles", () => sam.room.state.participants.get(sam.id)?.role === "observer");
    const received = new Map<string, ReportReceived[]>();
    for (const person of everyone) {
      const list: ReportReceived[] = [];
      received.set(person.id, list);
      person.room.onMessage("report_received", (report: ReportReceived) => list.push(report));
    }
    piet.room.send("report", { participantId: rosa.id, reason: "  Rude   remarks " });
    await waitFor(
      "the facilitators to receive it",
      () => received.get(facilitator.id)?.length === 1 && received.get(quinn.id)?.length === 1,
    );
    expect(received.get(facilitator.id)?.[0]).toMatchObject({
      fromId: piet.id,
      fromName: "Piet",
      aboutId: rosa.id,
      aboutName: "Rosa",
      reason: "Rude remarks",
    });
    piet.room.send("report", { participantId: rosa.id, reason: "" });
    piet.room.send("report", { participantId: piet.id, reason: "me" });
    await waitFor("two refusals", () => piet.errors.length === 2);
    expect(piet.errors.map((e) => e.code)).toEqual(["invalid_reason", "cannot_target_self"]);
    await sleep(SETTLE_MS * 2);
    for (const person of [piet, rosa, sam])
      expect(received.get(person.id), person.join.participantId).toEqual([]);

    const log = (await quinn.room.request("audit_log", {})) as AuditLogResponse;
    if (!log.ok) throw new Error(`audit log refused: ${log.error.code}`);
    expect(log.entries.map((entry) => entry.action)).toEqual(["set_role", "set_role", "report"]);
    expect(log.entries[2]).toMatchObject({ actorName: "Piet", targetName: "Rosa", reason: "Rude remarks" });
    expect(log.entries[0]).toMatchObject({
      actorName: "Fatima",
      detail: { from: "citizen", to: "co_facilitator" },
    });
    expect(log.counts).toMatchObject({ set_role: 2, report: 1, ban: 0 });
    const refused = (await sam.room.request("audit_log", {})) as AuditLogResponse;
    expect(refused).toMatchObject({ ok: false, error: { code: "not_allowed" } });
    await leaveAll(everyone);
  });
});
