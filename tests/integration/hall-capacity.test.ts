/**
 * A full hall at the door: a real server whose halls admit three people (HALL_CAPACITY), real SDK
 * clients. The next citizen is told the hall is full before a session is issued; facilitators always
 * get in; once someone leaves, the next citizen does too.
 */

import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import { enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
const rooms: HallRoom[] = [];

beforeAll(async () => {
  server = await startTestServer({ HALL_CAPACITY: "3" });
});
afterAll(async () => {
  await Promise.all(rooms.map((room) => room.leave(true).catch(() => undefined)));
  await server.stop();
});

async function enter(join: JoinResponse): Promise<HallRoom> {
  const room = await enterHall(server.url, join);
  rooms.push(room);
  return room;
}

function joinAttempt(door: Record<string, string>, displayName: string) {
  return server.post<{ error?: { code: string; message: string } }>("/api/join", {
    ...door,
    displayName,
    color: "#336699",
    acceptCodeOfConduct: true,
  });
}

describe("a full hall", () => {
  it("turns the next citizen away at the door, lets facilitators in, and admits again once someone leaves", async () => {
    const consultation = await server.createConsultation("Full house");
    const lead = await enter(await server.joinAsFacilitator(consultation.facilitatorKey, "Fatima"));
    await enter(await server.join(consultation.joinCode, "Anouk"));
    const bram = await enter(await server.join(consultation.joinCode, "Bram"));
    await waitFor("three in the hall", () => lead.state.participants?.size === 3);

    const refused = await joinAttempt({ joinCode: consultation.joinCode }, "Cas");
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe("hall_full");
    expect(refused.body.error?.message).toMatch(/hall is full/);
    const db = new DatabaseSync(path.join(server.dataDir, "plenum.sqlite"), { readOnly: true });
    const named = db.prepare("SELECT COUNT(*) AS n FROM participants WHERE display_name = 'Cas'").get() as {
      n: number;
    };
    db.close();
    expect(named.n, "no session for whoever was turned away").toBe(0);

    // Whoever runs the consultation always gets in, full or not.
    const second = await joinAttempt({ facilitatorKey: consultation.facilitatorKey }, "Dewi");
    expect(second.status).toBe(200);
    const dewi = await enter(second.body as JoinResponse);
    await waitFor("the facilitator in the full hall", () => lead.state.participants?.size === 4);

    // Other consultations' halls are not affected.
    const other = await server.createConsultation("Elsewhere");
    expect((await joinAttempt({ joinCode: other.joinCode }, "Eva")).status).toBe(200);

    for (const leaving of [bram, dewi]) {
      rooms.splice(rooms.indexOf(leaving), 1);
      await leaving.leave(true);
    }
    await waitFor("Bram and Dewi gone", () => lead.state.participants?.size === 2);
    let cas = await joinAttempt({ joinCode: consultation.joinCode }, "Cas");
    // The room list hears of a leave just after the room does.
    for (let attempt = 0; cas.status !== 200 && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      cas = await joinAttempt({ joinCode: consultation.joinCode }, "Cas");
    }
    expect(cas.status).toBe(200);
  });
  it("holds at the hall's entrance too, when people the door let in while there was room arrive at once", async () => {
    const consultation = await server.createConsultation("Rush hour");
    // Four citizens pass the door while the hall is empty, then all come in together with the facilitator.
    const citizens = await Promise.all(
      ["Gert", "Hana", "Ilse", "Joost"].map((name) => server.join(consultation.joinCode, name)),
    );
    const lead = await enter(await server.joinAsFacilitator(consultation.facilitatorKey, "Fatima"));
    const arrivals = await Promise.allSettled(citizens.map((join) => enter(join)));
    const refusals = arrivals.flatMap((each) => (each.status === "rejected" ? [String(each.reason)] : []));
    expect(arrivals.filter((each) => each.status === "fulfilled")).toHaveLength(2);
    expect(refusals).toHaveLength(2);
    for (const refusal of refusals) expect(refusal).toMatch(/hall_full/);
    await waitFor("a full hall of three", () => lead.state.participants?.size === 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lead.state.participants.size).toBe(3);
    // A facilitator still gets in.
    await enter(await server.joinAsFacilitator(consultation.facilitatorKey, "Dewi"));
    await waitFor("the second facilitator in", () => lead.state.participants?.size === 4);
  });
});
