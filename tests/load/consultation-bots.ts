/**
 * Bots for the long runs (soak, chaos): people who join a hall, leave, drop and come back, vote, post
 * ideas and chat, while a facilitator opens and closes polls. Every acknowledged ballot, idea and chat
 * message goes into a ledger; afterwards the store must hold each exactly once, as acknowledged.
 */
import { Client, type Room } from "@colyseus/sdk";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import { type JoinResponse, ROOM_NAME } from "../../shared/protocol/http-api.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

/** Refusals a bot may meet honestly: the poll closed between its look and its vote, or it was too quick. */
const HONEST_REFUSALS = new Set(["poll_not_open", "poll_closed", "unknown_poll", "rate_limited"]);

/** Reads rows from the store the run used; `?` placeholders. */
export type StoreQuery = (sql: string, params: readonly string[]) => Promise<Record<string, unknown>[]>;

export interface LedgerOptions {
  /** Codes counted as refused writes rather than faults (the chaos run expects `service_unavailable`). */
  readonly refusals?: ReadonlySet<string>;
}

export class AckLedger {
  /** The last acknowledged ballot per poll and voter, and whether a later attempt went unanswered. */
  readonly ballots = new Map<string, { choices: number[]; unsure: boolean }>();
  readonly ideas = new Map<string, string>();
  readonly chat = new Set<string>();
  readonly polls: string[] = [];
  activePoll = "";
  errors = 0;
  refusedWrites = 0;
  reconnections = 0;
  readonly #refusals: ReadonlySet<string>;

  constructor(options: LedgerOptions = {}) {
    this.#refusals = options.refusals ?? new Set();
  }

  fault(what: string, error: unknown): void {
    this.errors++;
    if (this.errors <= 20)
      console.error(`error: ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** A refusal: honest, an expected refused write, or a fault. */
  refused(what: string, code: string): void {
    if (this.#refusals.has(code)) this.refusedWrites++;
    else if (!HONEST_REFUSALS.has(code)) this.fault(what, code);
  }

  /** Counts acknowledged writes the store lost, and ballots or ideas it holds twice. */
  async audit(query: StoreQuery): Promise<{ lostAcks: number; duplicateBallots: number }> {
    let lostAcks = 0;
    let duplicateBallots = 0;
    for (const pollId of this.polls) {
      const rows = await query("SELECT voter_id, choices FROM ballots WHERE poll_id = ?", [pollId]);
      const voters = await query("SELECT participant_id FROM poll_voters WHERE poll_id = ?", [pollId]);
      const stored = new Map<string, string>();
      for (const row of rows) {
        if (stored.has(String(row.voter_id))) duplicateBallots++;
        stored.set(String(row.voter_id), String(row.choices));
      }
      duplicateBallots += Math.max(0, rows.length - voters.length);
      for (const [key, ballot] of this.ballots) {
        const [keyPoll, voter] = key.split(" ");
        if (keyPoll !== pollId || ballot.choices.length === 0) continue;
        const found = stored.get(voter ?? "");
        // A later ballot that got no answer may have replaced the acknowledged one: either is fine.
        if (
          found === undefined ||
          (!ballot.unsure && JSON.stringify(JSON.parse(found)) !== JSON.stringify(ballot.choices))
        )
          lostAcks++;
      }
    }
    for (const [ideaId, text] of this.ideas) {
      const rows = await query("SELECT id FROM ideas WHERE text = ?", [text]);
      if (!rows.some((row) => row.id === ideaId)) lostAcks++;
      if (rows.length > 1) duplicateBallots += rows.length - 1;
    }
    for (const messageId of this.chat) {
      if ((await query("SELECT id FROM chat_messages WHERE id = ?", [messageId])).length === 0) lostAcks++;
    }
    return { lostAcks, duplicateBallots };
  }
}

export async function postJson<T>(url: string, route: string, body: unknown): Promise<T> {
  const response = await fetch(`${url}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Passes the door of the process at `url` with a join code or a facilitator key. */
export function joinAsBot(
  url: string,
  door: { joinCode: string } | { facilitatorKey: string },
  displayName: string,
): Promise<JoinResponse> {
  return postJson<JoinResponse>(url, "/api/join", {
    ...door,
    displayName,
    color: "#3366cc",
    acceptCodeOfConduct: true,
  });
}

/** Creates a consultation through `url` and enters its hall as its facilitator. */
export async function openHall(
  url: string,
  title: string,
): Promise<{ joinCode: string; lead: JoinResponse; room: Room }> {
  const created = await postJson<{ joinCode: string; facilitatorKey: string }>(url, "/api/consultations", {
    title,
    language: "en",
  });
  const lead = await joinAsBot(url, { facilitatorKey: created.facilitatorKey }, "Facilitator");
  return { joinCode: created.joinCode, lead, room: await enterAsBot(url, lead) };
}

export async function enterAsBot(url: string, join: JoinResponse): Promise<Room> {
  const room = await new Client(url).joinOrCreate(ROOM_NAME, {
    consultationId: join.consultationId,
    sessionToken: join.sessionToken,
  });
  room.onMessage("*", () => undefined);
  return room;
}

/** Longest wait for the room to confirm a leave. */
const LEAVE_LIMIT_MS = 5000;

/**
 * Leaves the hall, unless the server closed the connection already (a kick, a final close), and waits
 * a few seconds at most: the SDK's `leave` waits for ever for an answer that does not come.
 */
export async function leaveHall(room: Room): Promise<void> {
  if (!room.connection.isOpen) return;
  await Promise.race([room.leave(true).catch(() => undefined), sleep(LEAVE_LIMIT_MS)]);
}

/** Waits for the SDK's own reconnection after a drop. */
async function cameBack(room: Room): Promise<boolean> {
  await sleep(300);
  for (let waited = 0; waited < 10_000; waited += 200) {
    if (room.connection.isOpen) return true;
    await sleep(200);
  }
  return false;
}

/** The facilitator opens a new poll every `everyMs`, closing the previous one. */
export async function runPolls(
  lead: Room,
  ledger: AckLedger,
  running: () => boolean,
  everyMs: number,
): Promise<void> {
  while (running()) {
    try {
      if (ledger.activePoll) await lead.request("poll_close", { pollId: ledger.activePoll });
      const answer = (await lead.request("poll_create", {
        question: `Question ${ledger.polls.length + 1}`,
        kind: "single",
        options: ["Yes", "No", "Later"],
        anonymous: false,
        open: true,
      })) as MethodAnswer;
      if (answer.ok && answer.pollId) {
        ledger.activePoll = answer.pollId;
        ledger.polls.push(answer.pollId);
      } else if (!answer.ok) ledger.refused("facilitator", answer.error.code);
    } catch (error) {
      ledger.fault("facilitator", error);
    }
    await sleep(everyMs);
  }
}

export interface BotPlan {
  readonly index: number;
  /** The process this bot enters through. */
  readonly url: string;
  readonly joinCode: string;
  /** Whether the run goes on; checked between steps. */
  readonly running: () => boolean;
}

/** One person, from joining until the run ends: each few seconds one thing a participant does. */
export async function runBot(plan: BotPlan, ledger: AckLedger): Promise<void> {
  let join: JoinResponse | undefined;
  let room: Room | undefined;
  let written = 0;
  while (plan.running()) {
    try {
      if (!room) {
        await sleep(between(0, 3000));
        join ??= await joinAsBot(plan.url, { joinCode: plan.joinCode }, `Bot ${plan.index}`);
        room = await enterAsBot(plan.url, join);
        continue;
      }
      const roll = Math.random();
      if (roll < 0.03) {
        // Leaves for a while, then comes back with the same session.
        await leaveHall(room);
        room = undefined;
        await sleep(between(1000, 5000));
      } else if (roll < 0.06) {
        // The network drops under it: the SDK reconnects by itself (rooms up for 5 s), else it joins again.
        room.connection.close();
        if (await cameBack(room)) ledger.reconnections++;
        else room = undefined;
      } else if (roll < 0.5 && ledger.activePoll && join) {
        const pollId = ledger.activePoll;
        const choices = [Math.floor(Math.random() * 3)];
        const key = `${pollId} ${join.participantId}`;
        const before = ledger.ballots.get(key) ?? { choices: [], unsure: false };
        // Until the answer comes, the store may hold either ballot.
        ledger.ballots.set(key, { choices: before.choices, unsure: true });
        const answer = (await room.request("cast_ballot", { pollId, choices })) as MethodAnswer;
        if (answer.ok) ledger.ballots.set(key, { choices, unsure: false });
        else {
          ledger.ballots.set(key, before);
          ledger.refused("ballot", answer.error.code);
        }
      } else if (roll < 0.6) {
        const text = `Idea ${plan.index}-${++written}`;
        const answer = (await room.request("post_idea", { text })) as MethodAnswer;
        if (answer.ok && answer.ideaId) ledger.ideas.set(answer.ideaId, text);
        else if (!answer.ok) ledger.refused("idea", answer.error.code);
      } else if (roll < 0.7) {
        const answer = (await room.request("chat_send", {
          text: `Bot ${plan.index} says ${++written}`,
        })) as MethodAnswer;
        if (answer.ok && answer.messageId) ledger.chat.add(answer.messageId);
        else if (!answer.ok) ledger.refused("chat", answer.error.code);
      }
    } catch (error) {
      if (room?.connection.isOpen) ledger.fault(`bot ${plan.index}`, error);
      room = undefined;
    }
    await sleep(between(1000, 4000));
  }
  if (room) await leaveHall(room);
}
