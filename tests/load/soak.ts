/**
 * Soak: `npm run soak -- --minutes M [--bots N]` (default 10 minutes, 100 bots) runs a real Plenum
 * process and bots that join, leave, drop and come back, vote and post ideas, while a facilitator
 * opens and closes polls. Every acknowledged ballot and idea is remembered; afterwards the store must
 * hold each exactly once, as acknowledged. Prints the server's memory over time and, as its last line,
 * a JSON summary: { minutes, bots, rssStartMB, rssEndMB, lostAcks, duplicateBallots, errors }.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { parseArgs } from "node:util";
import { Client, type Room } from "@colyseus/sdk";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import { type JoinResponse, ROOM_NAME } from "../../shared/protocol/http-api.ts";
import { startServerProcess } from "../support/server-process.ts";

const { values } = parseArgs({
  options: { minutes: { type: "string", default: "10" }, bots: { type: "string", default: "100" } },
});
const minutes = Number(values.minutes);
const botCount = Number(values.bots);
if (!(minutes > 0) || !Number.isInteger(botCount) || botCount < 1) {
  console.error("usage: npm run soak -- --minutes M [--bots N]");
  process.exit(2);
}

/** Refusals a bot may meet honestly: the facilitator closed the poll between its look and its vote. */
const EXPECTED_REFUSALS = new Set(["poll_not_open", "poll_closed", "unknown_poll", "rate_limited"]);
const POLL_EVERY_MS = 20_000;
const SAMPLE_EVERY_MS = Math.min(30_000, (minutes * 60_000) / 10);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-soak-"));
const server = await startServerProcess({ DATA_DIR: dataDir, DOOR_RATE_LIMIT: "1000000" });
const pid = server.child.pid ?? 0;

function rssMB(): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function post<T>(route: string, body: unknown): Promise<T> {
  const response = await fetch(`${server.url}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function enter(join: JoinResponse): Promise<Room> {
  const room = await new Client(server.url).joinOrCreate(ROOM_NAME, {
    consultationId: join.consultationId,
    sessionToken: join.sessionToken,
  });
  room.onMessage("*", () => undefined);
  return room;
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

let errors = 0;
let reconnections = 0;
function fault(what: string, error: unknown): void {
  errors++;
  if (errors <= 20)
    console.error(`error: ${what}: ${error instanceof Error ? error.message : String(error)}`);
}

const consultation = await post<{ id: string; joinCode: string; facilitatorKey: string }>(
  "/api/consultations",
  { title: "Soak", language: "en" },
);
const entry = { color: "#3366cc", acceptCodeOfConduct: true };
const lead = await post<JoinResponse>("/api/join", {
  ...entry,
  facilitatorKey: consultation.facilitatorKey,
  displayName: "Lead",
});
const leadRoom = await enter(lead);

/** The last acknowledged ballot per poll and voter, and voters whose last attempt got no answer. */
const ballots = new Map<string, { choices: number[]; unsure: boolean }>();
const ideas = new Map<string, string>();
let activePoll = "";
const polls: string[] = [];

async function runPolls(until: number): Promise<void> {
  while (Date.now() < until) {
    try {
      if (activePoll) await leadRoom.request("poll_close", { pollId: activePoll });
      const answer = (await leadRoom.request("poll_create", {
        question: `Question ${polls.length + 1}`,
        kind: "single",
        options: ["Yes", "No", "Later"],
        anonymous: false,
        open: true,
      })) as MethodAnswer;
      if (!answer.ok || !answer.pollId) throw new Error(JSON.stringify(answer));
      activePoll = answer.pollId;
      polls.push(answer.pollId);
    } catch (error) {
      fault("facilitator", error);
    }
    await sleep(POLL_EVERY_MS);
  }
}

async function bot(index: number, until: number): Promise<void> {
  let join: JoinResponse | undefined;
  let room: Room | undefined;
  let ideaCount = 0;
  while (Date.now() < until) {
    try {
      if (!room) {
        await sleep(between(0, 3000));
        join ??= await post<JoinResponse>("/api/join", {
          ...entry,
          joinCode: consultation.joinCode,
          displayName: `Bot ${index}`,
        });
        room = await enter(join);
        continue;
      }
      const roll = Math.random();
      if (roll < 0.03) {
        // Leaves for a while, then comes back with the same session.
        await room.leave(true);
        room = undefined;
        await sleep(between(1000, 5000));
      } else if (roll < 0.06) {
        // The network drops under it: the SDK reconnects by itself (rooms up for 5 s), else it joins again.
        room.connection.close();
        if (await cameBack(room)) reconnections++;
        else room = undefined;
      } else if (roll < 0.5 && activePoll && join) {
        const pollId = activePoll;
        const choices = [Math.floor(Math.random() * 3)];
        const key = `${pollId} ${join.participantId}`;
        const before = ballots.get(key) ?? { choices: [], unsure: false };
        // Until the answer comes, the store may hold either ballot.
        ballots.set(key, { choices: before.choices, unsure: true });
        const answer = (await room.request("cast_ballot", { pollId, choices })) as MethodAnswer;
        if (answer.ok) ballots.set(key, { choices, unsure: false });
        else {
          ballots.set(key, before);
          if (!EXPECTED_REFUSALS.has(answer.error.code)) fault("ballot", answer.error.code);
        }
      } else if (roll < 0.6) {
        const text = `Idea ${index}-${++ideaCount}`;
        const answer = (await room.request("post_idea", { text })) as MethodAnswer;
        if (answer.ok && answer.ideaId) ideas.set(answer.ideaId, text);
        else if (!answer.ok && !EXPECTED_REFUSALS.has(answer.error.code)) fault("idea", answer.error.code);
      }
    } catch (error) {
      if (room?.connection.isOpen) fault(`bot ${index}`, error);
      room = undefined;
    }
    await sleep(between(1000, 4000));
  }
  await room?.leave(true).catch(() => undefined);
}

const started = Date.now();
const until = started + minutes * 60_000;
const rssStartMB = rssMB();
console.log(`soak: ${botCount} bots for ${minutes} min against ${server.url}; rss ${rssStartMB} MB`);
const sampler = setInterval(() => {
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `t=${seconds}s rss=${rssMB()}MB ballots=${ballots.size} ideas=${ideas.size} polls=${polls.length} reconnections=${reconnections}`,
  );
}, SAMPLE_EVERY_MS);
await Promise.all([runPolls(until), ...Array.from({ length: botCount }, (_, i) => bot(i, until))]);
clearInterval(sampler);
const rssEndMB = rssMB();
await leadRoom.leave(true).catch(() => undefined);

// What the store holds: every acknowledged ballot and idea exactly once, as acknowledged.
const db = new DatabaseSync(path.join(dataDir, "plenum.sqlite"), { readOnly: true });
let lostAcks = 0;
let duplicateBallots = 0;
for (const pollId of polls) {
  const rows = db.prepare("SELECT voter_id, choices FROM ballots WHERE poll_id = ?").all(pollId) as {
    voter_id: string;
    choices: string;
  }[];
  const voters = db.prepare("SELECT participant_id FROM poll_voters WHERE poll_id = ?").all(pollId) as {
    participant_id: string;
  }[];
  const stored = new Map<string, string>();
  for (const row of rows) {
    if (stored.has(row.voter_id)) duplicateBallots++;
    stored.set(row.voter_id, row.choices);
  }
  if (rows.length !== voters.length) duplicateBallots += Math.max(0, rows.length - voters.length);
  for (const [key, ballot] of ballots) {
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
for (const [ideaId, text] of ideas) {
  const rows = db.prepare("SELECT id FROM ideas WHERE text = ?").all(text) as { id: string }[];
  if (!rows.some((row) => row.id === ideaId)) lostAcks++;
  if (rows.length > 1) duplicateBallots += rows.length - 1;
}
db.close();
const code = await server.stop();
if (code !== 0) fault("server exit", code);
rmSync(dataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({ minutes, bots: botCount, rssStartMB, rssEndMB, lostAcks, duplicateBallots, errors }),
);
process.exit(lostAcks === 0 && duplicateBallots === 0 ? 0 : 1);
