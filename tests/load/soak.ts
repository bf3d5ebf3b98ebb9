/**
 * Soak: `npm run soak -- --minutes M [--bots N]` (default 10 minutes, 100 bots) runs a real Plenum
 * process and bots that join, leave, drop and come back, vote, post ideas and chat, while a facilitator
 * opens and closes polls (tests/load/consultation-bots.ts). Every acknowledged ballot, idea and message
 * is remembered; afterwards the store must hold each exactly once, as acknowledged. Prints the server's
 * memory over time and, as its last line, a JSON summary:
 * { minutes, bots, rssStartMB, rssEndMB, lostAcks, duplicateBallots, errors }.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync, type SQLInputValue } from "node:sqlite";
import { parseArgs } from "node:util";
import { startServerProcess } from "../support/server-process.ts";
import { AckLedger, openHall, runBot, runPolls } from "./consultation-bots.ts";

const { values } = parseArgs({
  options: { minutes: { type: "string", default: "10" }, bots: { type: "string", default: "100" } },
});
const minutes = Number(values.minutes);
const botCount = Number(values.bots);
if (!(minutes > 0) || !Number.isInteger(botCount) || botCount < 1) {
  console.error("usage: npm run soak -- --minutes M [--bots N]");
  process.exit(2);
}

const POLL_EVERY_MS = 20_000;
const SAMPLE_EVERY_MS = Math.min(30_000, (minutes * 60_000) / 10);

const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-soak-"));
const server = await startServerProcess({ DATA_DIR: dataDir, DOOR_RATE_LIMIT: "1000000" });
const pid = server.child.pid ?? 0;

function rssMB(): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

const ledger = new AckLedger();
const { joinCode, room: leadRoom } = await openHall(server.url, "Soak");

const started = Date.now();
const until = started + minutes * 60_000;
const running = () => Date.now() < until;
const rssStartMB = rssMB();
console.log(`soak: ${botCount} bots for ${minutes} min against ${server.url}; rss ${rssStartMB} MB`);
const sampler = setInterval(() => {
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `t=${seconds}s rss=${rssMB()}MB ballots=${ledger.ballots.size} ideas=${ledger.ideas.size} polls=${ledger.polls.length} reconnections=${ledger.reconnections}`,
  );
}, SAMPLE_EVERY_MS);
await Promise.all([
  runPolls(leadRoom, ledger, running, POLL_EVERY_MS),
  ...Array.from({ length: botCount }, (_, index) =>
    runBot({ index, url: server.url, joinCode, running }, ledger),
  ),
]);
clearInterval(sampler);
const rssEndMB = rssMB();
await leadRoom.leave(true).catch(() => undefined);

const db = new DatabaseSync(path.join(dataDir, "plenum.sqlite"), { readOnly: true });
const { lostAcks, duplicateBallots } = await ledger.audit(
  async (sql, params) => db.prepare(sql).all(...(params as SQLInputValue[])) as Record<string, unknown>[],
);
db.close();
const code = await server.stop();
if (code !== 0) ledger.fault("server exit", code);
rmSync(dataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    minutes,
    bots: botCount,
    rssStartMB,
    rssEndMB,
    lostAcks,
    duplicateBallots,
    errors: ledger.errors,
  }),
);
process.exit(lostAcks === 0 && duplicateBallots === 0 ? 0 : 1);
