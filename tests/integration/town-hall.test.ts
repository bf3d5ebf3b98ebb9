import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSessionToken } from "../../server/auth/session-token.ts";
import { unpackCoarseHead } from "../../shared/pose/coarse-pose.ts";
import type { HealthResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import { MAX_FRAMES_PER_SECOND } from "../../shared/protocol/room-messages.ts";
import { positionOf } from "../support/positions.ts";
import {
  collectErrors,
  enterHall,
  type HallRoom,
  participantIds,
  poseAt,
  waitFor,
} from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

async function threeInTheHall(title: string) {
  const consultation = await server.createConsultation(title);
  const joins = await Promise.all(
    ["Ann", "Bram", "Chloé"].map((name) => server.join(consultation.joinCode, name)),
  );
  const rooms = await Promise.all(joins.map((join) => enterHall(server.url, join)));
  const ids = joins.map((join) => join.participantId).sort();
  await waitFor("everyone to see everyone", () =>
    rooms.every((room) => participantIds(room).join() === ids.join()),
  );
  return { consultation, joins, rooms };
}

async function leaveAll(rooms: HallRoom[]) {
  await Promise.all(rooms.map((room) => room.leave().catch(() => undefined)));
}

describe("town hall room", () => {
  it("lets three people join by code and see each other, with names, colours and roles from the server", async () => {
    const { joins, rooms } = await threeInTheHall("Everyone sees everyone");
    const [annView] = rooms;
    const chloe = annView?.state.participants.get(joins[2]?.participantId ?? "");
    expect(chloe?.name).toBe("Chloé");
    expect(chloe?.color).toBe("#3366cc");
    expect(chloe?.role).toBe("citizen");
    expect(chloe?.seat).toBe(-1);
    expect(positionOf(chloe?.pose.headPosition)?.y).toBeCloseTo(1.6, 2);
    expect(annView?.state.consultation.title).toBe("Everyone sees everyone");
    await leaveAll(rooms);
  });

  it("delivers a pose from A to B and C within 200 ms, quantised to the centimetre", async () => {
    const { joins, rooms } = await threeInTheHall("Poses travel");
    const [a, b, c] = rooms as [HallRoom, HallRoom, HallRoom];
    const aId = joins[0]?.participantId ?? "";
    const sentAt = performance.now();
    a.send("pose", poseAt(2.345, 1.7, 9.876));
    const arrived = (room: HallRoom) => () =>
      Math.abs((positionOf(room.state.participants.get(aId)?.pose.headPosition)?.x ?? 0) - 2.345) < 0.01;
    await Promise.all([
      waitFor("B to see A move", arrived(b), 1000),
      waitFor("C to see A move", arrived(c), 1000),
    ]);
    const elapsed = performance.now() - sentAt;
    expect(elapsed).toBeLessThan(200);
    const seen = c.state.participants.get(aId);
    expect(positionOf(seen?.pose.headPosition)?.z).toBeCloseTo(9.876, 2);
    expect(positionOf(seen?.pose.rightPosition)?.x).toBeCloseTo(2.645, 2);
    await leaveAll(rooms);
  });

  it("removes a leaving avatar for the others at once", async () => {
    const { joins, rooms } = await threeInTheHall("Leaving");
    const [a, b, c] = rooms as [HallRoom, HallRoom, HallRoom];
    await a.leave();
    const aId = joins[0]?.participantId ?? "";
    await waitFor(
      "A to vanish for B and C",
      () => !b.state.participants.has(aId) && !c.state.participants.has(aId),
      1000,
    );
    expect(b.state.participants.size).toBe(2);
    await leaveAll([b, c]);
  });

  it("ignores a role claimed in the join options: the token decides", async () => {
    const consultation = await server.createConsultation("Role claims");
    const join = await server.join(consultation.joinCode, "Mallory");
    const room = await enterHall(server.url, join, {
      role: "facilitator",
      participantId: "someone-else",
      name: "Boss",
    });
    await waitFor("own avatar", () => room.state.participants?.has(join.participantId));
    const me = room.state.participants.get(join.participantId);
    expect(me?.role).toBe("citizen");
    expect(me?.name).toBe("Mallory");
    expect(room.state.participants.has("someone-else")).toBe(false);
    await room.leave();
  });

  it("gives the facilitator link holder the facilitator role", async () => {
    const consultation = await server.createConsultation("Facilitated");
    const { status, body } = await server.post<JoinResponse>("/api/join", {
      facilitatorKey: consultation.facilitatorKey,
      displayName: "Fatima",
      color: "#aa8800",
      acceptCodeOfConduct: true,
    });
    expect(status).toBe(200);
    expect(body.role).toBe("facilitator");
    const room = await enterHall(server.url, body);
    await waitFor("own avatar", () => room.state.participants?.has(body.participantId));
    expect(room.state.participants.get(body.participantId)?.role).toBe("facilitator");
    await room.leave();
  });

  it("refuses tokens that are forged, expired or for another consultation", async () => {
    const first = await server.createConsultation("First");
    const second = await server.createConsultation("Second");
    const join = await server.join(first.joinCode, "Ann");
    const forged = issueSessionToken("not-the-server-secret-not-the-server-secret", {
      consultationId: first.id,
      participantId: join.participantId,
      role: "facilitator",
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });
    await expect(enterHall(server.url, { ...join, sessionToken: forged })).rejects.toThrow(/invalid_session/);
    await expect(enterHall(server.url, { ...join, consultationId: second.id })).rejects.toThrow(
      /invalid_session/,
    );
    const tampered = join.sessionToken.replace(/\.(.)/, (_m, ch: string) => `.${ch === "e" ? "f" : "e"}`);
    await expect(enterHall(server.url, { ...join, sessionToken: tampered })).rejects.toThrow(
      /invalid_session/,
    );
    await expect(
      enterHall(server.url, { ...join, consultationId: "no-such-consultation", sessionToken: "v1.x.y" }),
    ).rejects.toThrow();
  });

  it("refuses malformed and out-of-hall poses with an error code and keeps the last good pose", async () => {
    const { joins, rooms } = await threeInTheHall("Bad poses");
    const [a, b] = rooms as [HallRoom, HallRoom];
    const aId = joins[0]?.participantId ?? "";
    const errors = collectErrors(a);
    a.send("pose", poseAt(1, 1.6, 10));
    await waitFor(
      "the good pose",
      () => Math.abs((positionOf(b.state.participants.get(aId)?.pose.headPosition)?.x ?? 0) - 1) < 0.01,
    );
    const bad = [
      poseAt(Number.NaN, 1.6, 10),
      poseAt(Number.POSITIVE_INFINITY, 1.6, 10),
      poseAt(1, 1.6, 400),
      poseAt(1, -3, 10),
      { ...poseAt(1, 1.6, 10), head: [1, 1.6, 10] },
      { ...poseAt(1, 1.6, 10), rightHand: [9, 1.6, 10, 0, 0, 0, 1] },
      { ...poseAt(1, 1.6, 10), extra: "field" },
      "not an object",
    ];
    // Spaced out so that the error replies are not rate-limited.
    for (const message of bad) {
      a.send("pose", message);
      await new Promise((resolve) => setTimeout(resolve, 220));
    }
    await waitFor("an error for every bad pose", () => errors.length >= bad.length, 2000);
    expect(errors.map((e) => e.code)).toEqual([
      "invalid_message",
      "invalid_message",
      "pose_out_of_hall",
      "pose_out_of_hall",
      "invalid_message",
      "pose_out_of_hall",
      "invalid_message",
      "invalid_message",
    ]);
    const seen = b.state.participants.get(aId);
    expect(positionOf(seen?.pose.headPosition)?.x).toBeCloseTo(1, 2);
    expect(positionOf(seen?.pose.headPosition)?.z).toBeCloseTo(10, 2);
    expect(a.connection.isOpen).toBe(true);
    await leaveAll(rooms);
  });

  it("answers unknown message types with an error instead of acting on them", async () => {
    const { rooms } = await threeInTheHall("Unknown types");
    const [a] = rooms as [HallRoom];
    const errors = collectErrors(a);
    a.send("make_me_admin", { please: true });
    await waitFor("the refusal", () => errors.length === 1);
    expect(errors[0]?.code).toBe("unknown_message");
    await leaveAll(rooms);
  });

  it("seats one person per seat and lets them stand up again", async () => {
    const { joins, rooms } = await threeInTheHall("Seats");
    const [a, b, c] = rooms as [HallRoom, HallRoom, HallRoom];
    const [aId, bId] = [joins[0]?.participantId ?? "", joins[1]?.participantId ?? ""];
    const bErrors = collectErrors(b);
    a.send("sit", { seat: 12 });
    await waitFor("A seated for C", () => c.state.participants.get(aId)?.seat === 12);
    // Seat 12 is far from C by the entrance: C sees A's coarse head, at seated eye height.
    const coarse = unpackCoarseHead(c.state.participants.get(aId)?.coarse ?? 0, { x: 0, y: 0, z: 0, yaw: 0 });
    expect(coarse.y).toBeCloseTo(1.2, 1);
    b.send("sit", { seat: 12 });
    await waitFor("B refused", () => bErrors.length === 1);
    expect(bErrors[0]?.code).toBe("seat_taken");
    expect(c.state.participants.get(bId)?.seat).toBe(-1);
    b.send("sit", { seat: 99_999 });
    a.send("stand", {});
    await waitFor("A standing for C", () => c.state.participants.get(aId)?.seat === -1);
    b.send("sit", { seat: 12 });
    await waitFor("B seated", () => c.state.participants.get(bId)?.seat === 12);
    expect(bErrors.map((e) => e.code)).toEqual(["seat_taken", "invalid_message"]);
    await leaveAll(rooms);
  });

  it("disconnects a flooding client while the others stay connected and keep receiving", async () => {
    const { joins, rooms } = await threeInTheHall("Flood");
    const [flooder, b, c] = rooms as [HallRoom, HallRoom, HallRoom];
    let flooderLeftWith: number | undefined;
    flooder.onLeave((code) => {
      flooderLeftWith = code;
    });
    for (let i = 0; i < MAX_FRAMES_PER_SECOND * 3; i++) flooder.send("pose", poseAt(0, 1.6, 10));
    await waitFor("the flooder to be disconnected", () => flooderLeftWith !== undefined, 3000);
    expect(flooderLeftWith).not.toBe(1000);
    const flooderId = joins[0]?.participantId ?? "";
    await waitFor("the flooder's avatar to go", () => !b.state.participants.has(flooderId));
    expect(b.connection.isOpen && c.connection.isOpen).toBe(true);
    b.send("pose", poseAt(-3, 1.6, 12));
    const bId = joins[1]?.participantId ?? "";
    await waitFor(
      "C to still receive B",
      () => Math.abs((positionOf(c.state.participants.get(bId)?.pose.headPosition)?.x ?? 0) + 3) < 0.01,
    );
    await leaveAll([b, c]);
  });

  it("replaces an older connection when the same participant joins again", async () => {
    const consultation = await server.createConsultation("Two tabs");
    const join = await server.join(consultation.joinCode, "Tab");
    const other = await server.join(consultation.joinCode, "Watcher");
    const watcher = await enterHall(server.url, other);
    const first = await enterHall(server.url, join);
    let firstClosed: number | undefined;
    first.onLeave((code) => {
      firstClosed = code;
    });
    const second = await enterHall(server.url, join);
    await waitFor("the first tab to be let go", () => firstClosed !== undefined);
    expect(firstClosed).toBe(4101);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(watcher.state.participants.has(join.participantId)).toBe(true);
    expect(watcher.state.participants.size).toBe(2);
    await leaveAll([second, watcher]);
  });

  it("relays voice signalling to one addressee, naming the real sender, and shows microphone state", async () => {
    const { joins, rooms } = await threeInTheHall("Signalling");
    const [a, b, c] = rooms as [HallRoom, HallRoom, HallRoom];
    const [aId, bId] = [joins[0]?.participantId ?? "", joins[1]?.participantId ?? ""];
    const atB: unknown[] = [];
    const atC: unknown[] = [];
    b.onMessage("signal", (message) => atB.push(message));
    c.onMessage("signal", (message) => atC.push(message));
    const aErrors = collectErrors(a);
    a.send("signal", { to: bId, description: { type: "offer", sdp: "v=0 fake offer" } });
    a.send("signal", {
      to: bId,
      candidate: { candidate: "candidate:1 1 udp 1 127.0.0.1 9 typ host", sdpMid: "0", sdpMLineIndex: 0 },
    });
    await waitFor("both signals at B", () => atB.length === 2);
    expect(atB[0]).toEqual({ from: aId, description: { type: "offer", sdp: "v=0 fake offer" } });
    expect(atB[1]).toMatchObject({ from: aId, candidate: { sdpMid: "0" } });
    a.send("signal", { to: bId, from: "someone-else", description: { type: "offer", sdp: "x" } });
    a.send("signal", { to: "nobody", description: { type: "answer", sdp: "x" } });
    a.send("signal", { to: bId, description: { type: "offer", sdp: "x".repeat(13_000) } });
    await waitFor("three refusals", () => aErrors.length === 3);
    expect(aErrors.map((e) => e.code)).toEqual(["invalid_message", "unknown_participant", "invalid_message"]);
    expect(atB.length).toBe(2);
    expect(atC).toEqual([]);

    // New consultations run in town-hall mode: a citizen without the floor stays muted (see facilitation.test.ts).
    expect(c.state.participants.get(aId)?.muted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    a.send("mute", { muted: false });
    await waitFor("the refusal to unmute", () => aErrors.length === 4);
    expect(aErrors[3]?.code).toBe("floor_required");
    expect(c.state.participants.get(aId)?.muted).toBe(true);
    await leaveAll(rooms);
  });

  it("reports rooms and participants on /healthz", async () => {
    const { rooms } = await threeInTheHall("Health");
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as HealthResponse;
    expect(body.status).toBe("ok");
    expect(body.dependencies).toEqual({ store: "ok", redis: "not_configured", livekit: "not_configured" });
    expect(body.rooms).toBeGreaterThanOrEqual(1);
    expect(body.participants).toBeGreaterThanOrEqual(3);
    await leaveAll(rooms);
  });
});
