/**
 * SIGTERM stops a Plenum process gracefully: connected clients are told the server is restarting and
 * their room closes as a shutdown (not a drop), what the room holds is stored, and the process exits
 * with 0. Started again on the same data folder, the consultation goes on where it was: agenda
 * position, the open poll with its ballots, the ideas, the floor time spoken and the interpretation
 * given before the stop, interpreters with their pairs, and
 * the sessions from before the restart join again through the normal path, finding their seats and
 * raised hands again. After SIGKILL, nothing
 * acknowledged is lost either.
 */
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { CloseCode } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import type { OutcomeReport } from "../../shared/consultation/outcome-report.ts";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import { SERVER_RESTARTING_MESSAGE } from "../../shared/protocol/room-messages.ts";
import { restartableServer } from "../support/restartable-server.ts";
import { collectErrors, enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";

const server = restartableServer("sigterm");

interface Watched {
  readonly room: HallRoom;
  told: boolean;
  leftWith: number | undefined;
}

async function enter(url: string, join: JoinResponse): Promise<Watched> {
  const room = await enterHall(url, join);
  room.onMessage("error", () => undefined);
  const watched: Watched = { room, told: false, leftWith: undefined };
  room.onMessage(SERVER_RESTARTING_MESSAGE, () => {
    watched.told = true;
  });
  room.onLeave((code) => {
    watched.leftWith = code;
  });
  await waitFor("own avatar", () => room.state.participants?.has(join.participantId) === true);
  return watched;
}

async function ask(room: HallRoom, type: string, body: unknown): Promise<MethodAnswer> {
  const answer = (await room.request(type, body)) as MethodAnswer;
  if (!answer.ok) throw new Error(`${type}: ${JSON.stringify(answer.error)}`);
  return answer;
}

describe("a graceful restart", () => {
  it("tells the clients, stores what the room holds, exits 0 and goes on after a restart", async () => {
    const first = await server.start();
    const created = await first.createConsultation("Restarted");
    const leadJoin = await first.joinAsFacilitator(created.facilitatorKey, "Lead");
    const annJoin = await first.join(created.joinCode, "Ann");
    const bobJoin = await first.join(created.joinCode, "Bob");
    const lead = await enter(first.url, leadJoin);
    const ann = await enter(first.url, annJoin);
    const bob = await enter(first.url, bobJoin);

    await ask(lead.room, "agenda_set", {
      items: [
        { title: "Welcome", plannedMinutes: 5 },
        { title: "The park", plannedMinutes: 20 },
        { title: "Next steps", plannedMinutes: 10 },
      ],
    });
    await ask(lead.room, "agenda_next", {});
    await ask(lead.room, "agenda_next", {});
    const poll = await ask(lead.room, "poll_create", {
      question: "Trees or lawn?",
      kind: "single",
      options: ["Trees", "Lawn"],
      open: true,
    });
    const pollId = poll.ok ? String(poll.pollId) : "";
    await ask(ann.room, "cast_ballot", { pollId, choices: [0] });
    await ask(bob.room, "cast_ballot", { pollId, choices: [1] });
    await ask(ann.room, "post_idea", { text: "A fountain by the gate" });
    await ask(bob.room, "post_idea", { text: "Benches in the shade" });
    // Ann speaks until the process stops: her floor time must not be lost with it.
    lead.room.send("give_floor", { participantId: annJoin.participantId });
    await waitFor("Ann has the floor", () => lead.room.state.floor.holderId === annJoin.participantId);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    expect(await first.stop()).toBe(0);
    await waitFor("every room closed", () =>
      [lead, ann, bob].every((client) => client.leftWith !== undefined),
    );
    for (const client of [lead, ann, bob]) {
      expect(client.told).toBe(true);
      expect(client.leftWith).toBe(CloseCode.SERVER_SHUTDOWN);
    }

    const second = await server.start();
    // The sessions from before the restart join again, as the web client does by itself.
    const leadAgain = await enter(second.url, leadJoin);
    const annAgain = await enter(second.url, annJoin);
    const state = leadAgain.room.state;
    await waitFor("the consultation restored", () => state.agenda?.items.length === 3);
    expect(state.agenda.current).toBe(1);
    const restored = state.polls.get(pollId);
    expect(restored?.status).toBe("open");
    expect(restored?.ballots).toBe(2);
    expect([...(restored?.counts ?? [])]).toEqual([1, 1]);
    expect(state.activePollId).toBe(pollId);
    expect([...state.ideas.values()].map((idea) => idea.text).sort((a, b) => a.localeCompare(b))).toEqual([
      "A fountain by the gate",
      "Benches in the shade",
    ]);

    // Ann's ballot is still hers: voting again replaces it.
    await ask(annAgain.room, "cast_ballot", { pollId, choices: [1] });
    await waitFor("Ann's changed ballot", () => state.polls.get(pollId)?.counts[1] === 2);
    expect(state.polls.get(pollId)?.ballots).toBe(2);

    await ask(leadAgain.room, "close_consultation", {});
    const report = await (await fetch(`${second.url}/c/${created.id}/report.json`)).json();
    expect((report as OutcomeReport).speaking.totalSeconds).toBeGreaterThanOrEqual(1);
    await Promise.all([leadAgain.room.leave(), annAgain.room.leave()]);
  }, 40_000);

  it("gives those who come back their seats and raised hands, in the old order ahead of newer hands", async () => {
    const first = await server.start();
    const created = await first.createConsultation("Seated before the restart");
    const joins = await Promise.all(["Ann", "Bob", "Cy"].map((name) => first.join(created.joinCode, name)));
    const [annJoin, bobJoin, cyJoin] = joins as [JoinResponse, JoinResponse, JoinResponse];
    const [ann, bob, cy] = await Promise.all(joins.map((join) => enter(first.url, join)));
    ann?.room.send("sit", { seat: 3 });
    bob?.room.send("raise_hand", {});
    await waitFor("Bob's hand up", () => ann?.room.state.speakingQueue.length === 1);
    cy?.room.send("raise_hand", {});
    cy?.room.send("sit", { seat: 5 });
    await waitFor(
      "two seated, two hands up",
      () =>
        ann?.room.state.speakingQueue.length === 2 &&
        ann.room.state.participants.get(cyJoin.participantId)?.seat === 5 &&
        ann.room.state.participants.get(annJoin.participantId)?.seat === 3,
    );
    expect(await first.stop()).toBe(0);

    const second = await server.start();
    // Cy comes back first; Dan, new, raises a hand before Bob is back: Bob's older hand still goes first.
    const cyAgain = await enter(second.url, cyJoin);
    const state = cyAgain.room.state;
    const danJoin = await second.join(created.joinCode, "Dan");
    const dan = await enter(second.url, danJoin);
    dan.room.send("raise_hand", {});
    await waitFor("Cy's and Dan's hands", () => state.speakingQueue.length === 2);
    const bobAgain = await enter(second.url, bobJoin);
    const annAgain = await enter(second.url, annJoin);
    await waitFor("Bob's hand back", () => state.speakingQueue.length === 3);
    expect([...state.speakingQueue]).toEqual([
      bobJoin.participantId,
      cyJoin.participantId,
      danJoin.participantId,
    ]);
    expect(state.participants.get(bobJoin.participantId)?.handRaised).toBe(true);
    await waitFor("Ann on her seat", () => state.participants.get(annJoin.participantId)?.seat === 3);
    expect(state.participants.get(cyJoin.participantId)?.seat).toBe(5);
    expect(state.participants.get(bobJoin.participantId)?.seat).toBe(-1);
    expect(state.participants.get(danJoin.participantId)?.seat).toBe(-1);

    // A place is given back once: Bob lowers his hand, leaves and comes back with it down.
    bobAgain.room.send("lower_hand", {});
    await waitFor("Bob's hand down", () => state.speakingQueue.length === 2);
    await bobAgain.room.leave();
    await waitFor("Bob gone", () => !state.participants.has(bobJoin.participantId));
    const bobThird = await enter(second.url, bobJoin);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...state.speakingQueue]).toEqual([cyJoin.participantId, danJoin.participantId]);
    await Promise.all([cyAgain, dan, annAgain, bobThird].map((client) => client.room.leave()));

    // Nor does a later room for the same consultation: Ann comes back to an empty hall, standing.
    // The emptied room is disposed once the last leave is handled.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const annLater = await enter(second.url, annJoin);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(annLater.room.state.participants.get(annJoin.participantId)?.seat).toBe(-1);
    await annLater.room.leave();
  }, 40_000);

  it("keeps an interpreter's role and pair, and their minutes once: not lost with the stop, not counted twice", async () => {
    const first = await server.start();
    const created = await first.createConsultation("Interpreted");
    const leadJoin = await first.joinAsFacilitator(created.facilitatorKey, "Lead");
    const annaJoin = await first.join(created.joinCode, "Anna");
    const lead = await enter(first.url, leadJoin);
    const anna = await enter(first.url, annaJoin);
    const annaId = annaJoin.participantId;
    lead.room.send("assign_interpreter", { participantId: annaId, languages: ["nl", "fr"] });
    await waitFor("Anna interprets", () => anna.room.state.participants.get(annaId)?.role === "interpreter");
    anna.room.send("interpret_into", { language: "fr" });
    anna.room.send("interpreter_live", { live: true });
    await waitFor("Anna live", () => lead.room.state.participants.get(annaId)?.interpreterLive === true);
    // Live until the process stops: 3.5 s, a tenth of a minute once rounded.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(await first.stop()).toBe(0);

    const second = await server.start();
    const leadAgain = await enter(second.url, leadJoin);
    const annaAgain = await enter(second.url, annaJoin);
    const seen = () => leadAgain.room.state.participants.get(annaId);
    await waitFor("Anna's pair restored", () => seen()?.interpreterLanguages.length === 2);
    expect(seen()?.role).toBe("interpreter");
    expect([...(seen()?.interpreterLanguages ?? [])]).toEqual(["nl", "fr"]);
    expect(seen()?.interpreterLive).toBe(false);
    // Her pair is hers again without a facilitator: she chooses a channel of it and goes live.
    annaAgain.room.send("interpret_into", { language: "nl" });
    annaAgain.room.send("interpreter_live", { live: true });
    await waitFor("Anna live again", () => seen()?.interpreterLive === true);
    await ask(leadAgain.room, "close_consultation", {});
    const report = (await (await fetch(`${second.url}/c/${created.id}/report.json`)).json()) as OutcomeReport;
    const minutes = report.interpretation?.minutesByLanguage;
    expect(minutes?.fr).toBe(0.1);
    expect(minutes?.nl).toBe(0);
    // One stretch before the stop: the departures that the stop caused add none.
    const db = new DatabaseSync(path.join(server.dataDir, "plenum.sqlite"), { readOnly: true });
    const stretches = db
      .prepare("SELECT language, ms FROM interpretation_time WHERE consultation_id = ? ORDER BY rowid")
      .all(created.id) as { language: string; ms: number }[];
    db.close();
    expect(stretches.map((row) => row.language)).toEqual(["fr", "nl"]);
    expect(stretches[0]?.ms).toBeGreaterThanOrEqual(3_500);
    await Promise.all([leadAgain.room.leave(), annaAgain.room.leave()]);
  }, 40_000);

  it("keeps a closed consultation closed: nobody holds the floor and no hand goes up", async () => {
    const first = await server.start();
    const created = await first.createConsultation("Closed before the restart");
    const leadJoin = await first.joinAsFacilitator(created.facilitatorKey, "Lead");
    const annJoin = await first.join(created.joinCode, "Ann");
    const bobJoin = await first.join(created.joinCode, "Bob");
    const lead = await enter(first.url, leadJoin);
    // Ann has to be in the hall to be given the floor.
    await enter(first.url, annJoin);
    const bob = await enter(first.url, bobJoin);
    lead.room.send("give_floor", { participantId: annJoin.participantId });
    bob.room.send("raise_hand", {});
    await waitFor(
      "Ann speaking and Bob waiting",
      () =>
        lead.room.state.floor.holderId === annJoin.participantId &&
        lead.room.state.speakingQueue.length === 1,
    );
    await ask(lead.room, "close_consultation", {});
    expect(await first.stop()).toBe(0);

    const second = await server.start();
    const annAgain = await enter(second.url, annJoin);
    const bobAgain = await enter(second.url, bobJoin);
    const bobErrors = collectErrors(bobAgain.room);
    const state = bobAgain.room.state;
    await waitFor("the closed phase restored", () => state.consultation.phase === "closed");
    expect(state.floor.holderId).toBe("");
    expect(state.participants.get(annJoin.participantId)).toMatchObject({ hasFloor: false, canSpeak: false });
    bobAgain.room.send("raise_hand", {});
    await waitFor("Bob's hand refused", () => bobErrors.length === 1);
    expect(bobErrors[0]?.code).toBe("consultation_closed");
    expect(state.speakingQueue.length).toBe(0);
    expect(state.participants.get(bobJoin.participantId)?.handRaised).toBe(false);
    await Promise.all([annAgain.room.leave(), bobAgain.room.leave()]);
  }, 40_000);

  it("loses no acknowledged idea or agenda move to SIGKILL", async () => {
    const first = await server.start();
    const created = await first.createConsultation("Killed");
    const leadJoin = await first.joinAsFacilitator(created.facilitatorKey, "Lead");
    const lead = await enter(first.url, leadJoin);
    await ask(lead.room, "agenda_set", {
      items: [
        { title: "Opening", plannedMinutes: 5 },
        { title: "Debate", plannedMinutes: 30 },
      ],
    });
    await ask(lead.room, "agenda_next", {});
    await ask(lead.room, "agenda_next", {});
    await ask(lead.room, "post_idea", { text: "Keep the old oak" });
    // This client gives up at once; the web client's own rejoin after a crash is an end-to-end test.
    lead.room.reconnection.enabled = false;
    await first.kill();
    await waitFor("the room gone", () => lead.leftWith !== undefined, 5_000);

    const second = await server.start();
    const again = await enter(second.url, leadJoin);
    const state = again.room.state;
    await waitFor("the agenda restored", () => state.agenda?.items.length === 2);
    expect(state.agenda.current).toBe(1);
    expect([...state.ideas.values()].map((idea) => idea.text)).toEqual(["Keep the old oak"]);
    await again.room.leave();
  }, 40_000);
});
