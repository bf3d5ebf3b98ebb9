/**
 * A participant whose connection drops comes back by itself (the SDK's reconnection) to the same
 * avatar, seat, role, queue place, floor and ballot, while the others see "reconnecting"; one who
 * stays away past the grace period leaves as before, and a consented leave is immediate. The drop is
 * the SDK's own "connection lost" close (4010), as when the browser reports going offline.
 */
import { CloseCode } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { CreateConsultationResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import { enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

/** Short enough for a test, long enough that "immediately" and "after the grace" are told apart. */
const GRACE_SECONDS = 2;

let server: TestServer;
let consultation: CreateConsultationResponse;
let lead: HallRoom;

beforeAll(async () => {
  server = await startTestServer({ RECONNECT_GRACE_SECONDS: String(GRACE_SECONDS) });
  consultation = await server.createConsultation("Blips");
  const { body } = await server.post<JoinResponse>("/api/join", {
    facilitatorKey: consultation.facilitatorKey,
    displayName: "Lead",
    color: "#aa8800",
    acceptCodeOfConduct: true,
  });
  lead = await enter(body);
});

afterAll(async () => {
  await lead.leave();
  await server.stop();
});

async function enter(join: JoinResponse): Promise<HallRoom> {
  const room = await enterHall(server.url, join);
  room.onMessage("error", () => undefined);
  // As the web client does: reconnect also in the first seconds, and quickly.
  room.reconnection.minUptime = 0;
  room.reconnection.maxDelay = 500;
  await waitFor("own avatar", () => room.state.participants?.has(join.participantId) === true);
  return room;
}

async function citizen(name: string): Promise<{ join: JoinResponse; room: HallRoom }> {
  const join = await server.join(consultation.joinCode, name);
  return { join, room: await enter(join) };
}

/** Drops the socket without leaving, the way the SDK does when the browser goes offline. */
function dropConnection(room: HallRoom): void {
  room.connection.close(CloseCode.MAY_TRY_RECONNECT, "offline");
}

function seen(id: string) {
  return lead.state.participants.get(id);
}

async function answer(room: HallRoom, type: string, body: unknown): Promise<MethodAnswer> {
  return (await room.request(type, body)) as MethodAnswer;
}

describe("a dropped connection", () => {
  it("comes back in the first seconds after joining with seat, queue place and ballot", async () => {
    const poll = await answer(lead, "poll_create", {
      question: "Which bench?",
      kind: "single",
      options: ["Oak", "Steel"],
      open: true,
    });
    const pollId = poll.ok ? String(poll.pollId) : "";
    const first = await citizen("Ann");
    const second = await citizen("Bob");
    const ann = first.join.participantId;
    first.room.send("sit", { seat: 3 });
    first.room.send("raise_hand", {});
    await waitFor(
      "Ann seated with her hand up",
      () => seen(ann)?.seat === 3 && seen(ann)?.handRaised === true,
    );
    second.room.send("raise_hand", {});
    await waitFor("two hands up", () => lead.state.speakingQueue.length === 2);
    expect((await answer(first.room, "cast_ballot", { pollId, choices: [1] })).ok).toBe(true);
    const sessionId = first.room.sessionId;

    let reconnected = false;
    first.room.onReconnect(() => {
      reconnected = true;
    });
    dropConnection(first.room);
    await waitFor("the others see Ann reconnecting", () => seen(ann)?.connection === "reconnecting");
    expect(seen(ann)?.seat).toBe(3);
    expect([...lead.state.speakingQueue]).toEqual([ann, second.join.participantId]);

    await waitFor("Ann back by herself", () => reconnected && seen(ann)?.connection === "connected", 5_000);
    expect(first.room.sessionId).toBe(sessionId);
    const back = seen(ann);
    expect(back?.seat).toBe(3);
    expect(back?.role).toBe("citizen");
    expect(back?.handRaised).toBe(true);
    expect([...lead.state.speakingQueue]).toEqual([ann, second.join.participantId]);
    expect(first.room.state.participants.get(ann)?.connection).toBe("connected");

    // Her ballot is still hers: voting again replaces it, it is not counted twice.
    expect((await answer(first.room, "cast_ballot", { pollId, choices: [0] })).ok).toBe(true);
    await waitFor("one ballot, changed", () => lead.state.polls.get(pollId)?.counts[0] === 1);
    expect(lead.state.polls.get(pollId)?.ballots).toBe(1);
    expect([...(lead.state.polls.get(pollId)?.counts ?? [])]).toEqual([1, 0]);
    await Promise.all([first.room.leave(), second.room.leave()]);
  });

  it("keeps the floor and its running timer while the speaker reconnects", async () => {
    const { join, room } = await citizen("Cas");
    const cas = join.participantId;
    // Later than the first seconds: this drop follows a while in the hall.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    lead.send("give_floor", { participantId: cas, limitSeconds: 600 });
    await waitFor("Cas has the floor", () => seen(cas)?.hasFloor === true);
    const endsAt = lead.state.floor.endsAt;

    let reconnected = false;
    room.onReconnect(() => {
      reconnected = true;
    });
    dropConnection(room);
    await waitFor("Cas reconnecting", () => seen(cas)?.connection === "reconnecting");
    expect(lead.state.floor.holderId).toBe(cas);
    await waitFor("Cas back", () => reconnected && seen(cas)?.connection === "connected", 5_000);
    expect(lead.state.floor.holderId).toBe(cas);
    expect(lead.state.floor.endsAt).toBe(endsAt);
    expect(seen(cas)?.hasFloor).toBe(true);
    lead.send("take_floor", {});
    await waitFor("floor free", () => lead.state.floor.holderId === "");
    await room.leave();
  });

  it("leaves after the grace period: avatar gone, hand lowered, floor freed", async () => {
    const { join, room } = await citizen("Dee");
    const dee = join.participantId;
    room.send("raise_hand", {});
    await waitFor("Dee's hand up", () => lead.state.speakingQueue.includes(dee));
    lead.send("give_floor", { participantId: dee });
    await waitFor("Dee has the floor", () => lead.state.floor.holderId === dee);
    room.send("raise_hand", {});
    await waitFor("Dee's hand up again", () => lead.state.speakingQueue.includes(dee));
    // This client never comes back.
    room.reconnection.enabled = false;
    dropConnection(room);
    await waitFor("Dee reconnecting", () => seen(dee)?.connection === "reconnecting");
    const dropped = performance.now();
    await waitFor("Dee gone", () => !lead.state.participants.has(dee), GRACE_SECONDS * 1000 + 3_000);
    expect(performance.now() - dropped).toBeGreaterThan(GRACE_SECONDS * 1000 - 500);
    expect(lead.state.speakingQueue.includes(dee)).toBe(false);
    expect(lead.state.floor.holderId).toBe("");
  });

  it("leaves at once on a consented leave", async () => {
    const { join, room } = await citizen("Eve");
    const eve = join.participantId;
    room.send("raise_hand", {});
    await waitFor("Eve's hand up", () => lead.state.speakingQueue.includes(eve));
    let reconnecting = false;
    const stop = lead.state.participants.get(eve);
    const watch = setInterval(() => {
      if (stop?.connection === "reconnecting") reconnecting = true;
    }, 5);
    await room.leave();
    await waitFor("Eve gone", () => !lead.state.participants.has(eve), 1_000);
    clearInterval(watch);
    expect(reconnecting).toBe(false);
    expect(lead.state.speakingQueue.includes(eve)).toBe(false);
  });

  it("ends the hold when a facilitator removes someone who is reconnecting", async () => {
    const { join, room } = await citizen("Fay");
    const fay = join.participantId;
    room.reconnection.enabled = false;
    dropConnection(room);
    await waitFor("Fay reconnecting", () => seen(fay)?.connection === "reconnecting");
    lead.send("remove_participant", { participantId: fay, reason: "left the building" });
    await waitFor("Fay gone before the grace ends", () => !lead.state.participants.has(fay), 1_000);
  });

  it("keeps the avatar and seat when the same participant joins again on a new connection meanwhile", async () => {
    const { join, room } = await citizen("Gus");
    const gus = join.participantId;
    room.send("sit", { seat: 7 });
    room.send("raise_hand", {});
    await waitFor("Gus seated, hand up", () => seen(gus)?.seat === 7 && seen(gus)?.handRaised === true);
    room.reconnection.enabled = false;
    dropConnection(room);
    await waitFor("Gus reconnecting", () => seen(gus)?.connection === "reconnecting");
    // A reloaded page joins with the same session through the normal path.
    const again = await enter(join);
    await waitFor("Gus connected again", () => seen(gus)?.connection === "connected");
    // Past the grace period of the old connection, he is still there, seated, hand up.
    await new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000 + 500));
    expect(seen(gus)?.seat).toBe(7);
    expect(seen(gus)?.handRaised).toBe(true);
    await again.leave();
  });
});
