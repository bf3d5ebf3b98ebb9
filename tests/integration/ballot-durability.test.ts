/**
 * An acknowledged ballot is on disk before the acknowledgement: the server process is killed with
 * SIGKILL in the middle of voting and restarted, and every acknowledged ballot counts exactly once
 * while the poll stays open and goes on.
 */
import { describe, expect, it } from "vitest";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import { restartableServer } from "../support/restartable-server.ts";
import { enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";

const server = restartableServer("durability");

async function enter(url: string, join: JoinResponse): Promise<HallRoom> {
  const room = await enterHall(url, join);
  room.onMessage("error", () => undefined);
  await waitFor("own avatar", () => room.state.participants?.has(join.participantId) === true);
  return room;
}

/** A request that gives up (undefined) when the server dies before answering. */
async function tryRequest(room: HallRoom, type: string, body: unknown): Promise<MethodAnswer | undefined> {
  return Promise.race([
    room.request(type, body).then(
      (answer) => answer as MethodAnswer,
      () => undefined,
    ),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 3_000)),
  ]);
}

describe("ballots across a crash", () => {
  it("counts every acknowledged ballot exactly once after SIGKILL and restart", async () => {
    const first = await server.start();
    const created = await first.createConsultation("Crash vote");
    const lead = await first.joinAsFacilitator(created.facilitatorKey, "Lead");
    const voters: JoinResponse[] = [];
    for (const name of ["Ann", "Bob", "Cas", "Dee"]) voters.push(await first.join(created.joinCode, name));
    const leadRoom = await enter(first.url, lead);
    const poll = (await leadRoom.request("poll_create", {
      question: "Which bridge?",
      kind: "single",
      options: ["North", "South", "None"],
      open: true,
    })) as MethodAnswer;
    expect(poll.ok).toBe(true);
    const pollId = poll.ok ? (poll.pollId as string) : "";
    const rooms = await Promise.all(voters.map((voter) => enter(first.url, voter)));

    // Each voter votes again and again (one request at a time), changing their mind every time.
    const acknowledged: (number | undefined)[] = voters.map(() => undefined);
    const inFlight: (number | undefined)[] = voters.map(() => undefined);
    let acks = 0;
    let dead = false;
    const loops = rooms.map(async (room, v) => {
      for (let round = 0; !dead; round++) {
        const choice = (v + round) % 3;
        inFlight[v] = choice;
        const answer = await tryRequest(room, "cast_ballot", { pollId, choices: [choice] });
        if (!answer?.ok) break;
        acknowledged[v] = choice;
        inFlight[v] = undefined;
        acks += 1;
      }
    });
    await waitFor(
      "every voter acknowledged at least twice",
      () => acks >= 12 && acknowledged.every((a) => a !== undefined),
      10_000,
    );
    // SIGKILL goes out at once; each voter's loop ends on the request the dead process never answers.
    const killed = first.kill();
    dead = true;
    await Promise.all([killed, ...loops]);

    const second = await server.start();
    const watcher = await enter(second.url, lead);
    await waitFor("the poll restored", () => watcher.state.polls?.get(pollId)?.ballots === 4, 5_000);
    const state = watcher.state.polls.get(pollId);
    expect(state?.status).toBe("open");
    const counts = [...(state?.counts ?? [])];
    // Each voter's counted ballot is their last acknowledged one, or the one in flight when the
    // process died (stored but not acknowledged): some such combination gives exactly these counts.
    const possible = voters.map(
      (_v, i) => [acknowledged[i], inFlight[i]].filter((c) => c !== undefined) as number[],
    );
    const combos = possible.reduce<number[][]>(
      (acc, options) => acc.flatMap((prefix) => options.map((option) => [...prefix, option])),
      [[]],
    );
    const tallies = combos.map((combo) =>
      [0, 1, 2].map((option) => combo.filter((c) => c === option).length).join(),
    );
    expect(tallies).toContain(counts.join());
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(4);

    // The poll goes on: a voter's session still works and a new ballot replaces the old one.
    const ann = await enter(second.url, voters[0] as JoinResponse);
    expect(((await ann.request("cast_ballot", { pollId, choices: [2] })) as MethodAnswer).ok).toBe(true);
    const bob = await enter(second.url, voters[1] as JoinResponse);
    expect(((await bob.request("cast_ballot", { pollId, choices: [2] })) as MethodAnswer).ok).toBe(true);
    await waitFor("still four ballots", () => {
      const now = watcher.state.polls.get(pollId);
      return now?.ballots === 4 && (now.counts[2] ?? 0) >= 2;
    });
    await Promise.all([watcher.leave(), ann.leave(), bob.leave()]);
  }, 40_000);
});
