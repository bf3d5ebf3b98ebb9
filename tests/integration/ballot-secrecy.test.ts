/**
 * Secret ballots in the real SQLite file: for an anonymous poll, who voted is kept apart from what they
 * chose (double voting is prevented by the per-poll record of voters); a ballot row names no one and
 * carries no time; voting again replaces the row; closing the poll drops the key that let a voter
 * replace it. A named poll keeps its voters, as it says.
 */

import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import { enterHall, type HallRoom } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

interface BallotRow {
  id: string;
  ballot_key: string | null;
  voter_id: string | null;
  choices: string;
}

let server: TestServer;
let facilitator: HallRoom;
const citizens: { name: string; join: JoinResponse; room: HallRoom }[] = [];

async function ok(room: HallRoom, type: string, body: unknown): Promise<MethodAnswer> {
  const answer = (await room.request(type, body)) as MethodAnswer;
  if (!answer.ok) throw new Error(`${type} was refused: ${JSON.stringify(answer.error)}`);
  return answer;
}

/** Reads the store's file as anyone with access to the disk could. */
function read<T>(sql: string, ...params: string[]): T[] {
  const db = new DatabaseSync(path.join(server.dataDir, "plenum.sqlite"), { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const ballotsOf = (pollId: string) =>
  read<BallotRow>("SELECT id, ballot_key, voter_id, choices FROM ballots WHERE poll_id = ?", pollId);

beforeAll(async () => {
  server = await startTestServer();
  const { joinCode, facilitatorKey } = await server.createConsultation("Secret ballots");
  const lead = await server.post<JoinResponse>("/api/join", {
    facilitatorKey,
    displayName: "Fatima",
    color: "#aa8800",
    acceptCodeOfConduct: true,
  });
  facilitator = await enterHall(server.url, lead.body);
  for (const name of ["Anouk", "Bram"]) {
    const join = await server.join(joinCode, name);
    citizens.push({ name, join, room: await enterHall(server.url, join) });
  }
  for (const room of [facilitator, ...citizens.map((c) => c.room)]) room.onMessage("error", () => undefined);
});

afterAll(async () => {
  await Promise.all([facilitator, ...citizens.map((c) => c.room)].map((room) => room?.leave()));
  await server?.stop();
});

describe("ballots as stored", () => {
  it("keeps no link between an anonymous voter and their choice, and replaces a ballot voted again", async () => {
    const { pollId } = (await ok(facilitator, "poll_create", {
      question: "Which day for the market?",
      kind: "single",
      options: ["Saturday", "Sunday"],
      open: true,
    })) as { pollId: string };
    const [anouk, bram] = citizens as [(typeof citizens)[0], (typeof citizens)[0]];
    await ok(anouk.room, "cast_ballot", { pollId, choices: [0] });
    await ok(bram.room, "cast_ballot", { pollId, choices: [1] });
    await ok(anouk.room, "cast_ballot", { pollId, choices: [1] });

    // Who voted, for double voting: the two of them, once each.
    const voters = read<{ participant_id: string }>(
      "SELECT participant_id FROM poll_voters WHERE poll_id = ?",
      pollId,
    ).map((row) => row.participant_id);
    expect(voters.sort()).toEqual([anouk.join.participantId, bram.join.participantId].sort());

    // What they chose: two ballots (Anouk's replaced), no voter, no time, nothing derived in the clear.
    const ballots = ballotsOf(pollId);
    expect(ballots.map((b) => b.choices).sort()).toEqual(["[1]", "[1]"]);
    const columns = read<{ name: string }>("SELECT name FROM pragma_table_info('ballots')").map(
      (c) => c.name,
    );
    expect(columns.sort()).toEqual(["ballot_key", "choices", "id", "poll_id", "voter_id"]);
    const stored = JSON.stringify(ballots);
    for (const { name, join } of citizens) {
      expect(stored).not.toContain(join.participantId);
      expect(stored).not.toContain(name);
    }
    for (const ballot of ballots) {
      expect(ballot.voter_id).toBeNull();
      expect(ballot.ballot_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }

    // Closed: the keys that let a voter replace their ballot are gone; the count stays.
    await ok(facilitator, "poll_close", { pollId });
    const sealed = ballotsOf(pollId);
    expect(sealed.map((b) => b.ballot_key)).toEqual([null, null]);
    expect(sealed.map((b) => b.choices).sort()).toEqual(["[1]", "[1]"]);
  });

  it("keeps the voter of a named poll, as the poll announces", async () => {
    const { pollId } = (await ok(facilitator, "poll_create", {
      question: "Who takes the minutes?",
      kind: "single",
      options: ["Me", "Someone else"],
      anonymous: false,
      open: true,
    })) as { pollId: string };
    const [anouk] = citizens as [(typeof citizens)[0]];
    await ok(anouk.room, "cast_ballot", { pollId, choices: [0] });
    expect(ballotsOf(pollId).map((b) => [b.voter_id, b.choices])).toEqual([
      [anouk.join.participantId, "[0]"],
    ]);
  });
});
