/**
 * The facilitator's second screen and the door: a console connection runs the room without an avatar
 * and without closing the facilitator's hall connection, citizens cannot open one, nobody joins without
 * accepting the code of conduct, and only the facilitator link is told the citizens' join code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsultationPreview, JoinResponse } from "../../shared/protocol/http-api.ts";
import { collectErrors, enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function facilitatorJoin(facilitatorKey: string): Promise<JoinResponse> {
  const { status, body } = await server.post<JoinResponse>("/api/join", {
    facilitatorKey,
    displayName: "Fatima",
    color: "#aa8800",
    acceptCodeOfConduct: true,
  });
  if (status !== 200) throw new Error(`facilitator join failed: ${status}`);
  return body;
}

async function leave(rooms: HallRoom[]) {
  await Promise.all(
    rooms.map((room) =>
      room.connection.isOpen ? Promise.race([room.leave().catch(() => undefined), sleep(1_000)]) : undefined,
    ),
  );
}

describe("the facilitator console connection", () => {
  it("runs the room without an avatar and without closing the facilitator's hall connection", async () => {
    const consultation = await server.createConsultation("Second screen");
    const lead = await facilitatorJoin(consultation.facilitatorKey);
    const citizenJoin = await server.join(consultation.joinCode, "Ciska");
    const hallTab = await enterHall(server.url, lead);
    const citizen = await enterHall(server.url, citizenJoin);
    await waitFor("both avatars", () => hallTab.state.participants.size === 2);
    let hallClosed: number | undefined;
    hallTab.onLeave((code) => {
      hallClosed = code;
    });

    const console = await enterHall(server.url, lead, { view: "console" });
    const consoleErrors = collectErrors(console);
    await waitFor("the console to see the room", () => console.state.participants?.size === 2);
    await sleep(200);
    expect(hallClosed, "the hall tab stays connected").toBeUndefined();
    expect(hallTab.connection.isOpen).toBe(true);
    expect(citizen.state.participants.size, "the console adds no avatar").toBe(2);

    // The console runs the queue: the citizen raises a hand, the console gives the floor for 30 s.
    citizen.send("raise_hand", {});
    await waitFor(
      "the hand in the console's queue",
      () => console.state.speakingQueue.at(0) === citizenJoin.participantId,
    );
    console.send("give_floor", { next: true, limitSeconds: 30 });
    await waitFor(
      "the citizen to have the floor",
      () => citizen.state.floor.holderId === citizenJoin.participantId,
    );
    const endsAt = citizen.state.floor.endsAt;
    expect(endsAt - Date.now()).toBeGreaterThan(25_000);
    expect(endsAt - Date.now()).toBeLessThan(31_000);
    console.send("take_floor", {});
    await waitFor("the floor to be free", () => citizen.state.floor.holderId === "");

    // A console cannot move the facilitator's avatar or raise a hand for it.
    const headBefore = hallTab.state.participants.get(lead.participantId)?.pose.headPosition;
    console.send("sit", { seat: 0 });
    console.send("raise_hand", {});
    await sleep(250);
    expect(hallTab.state.participants.get(lead.participantId)?.seat).toBe(-1);
    expect(hallTab.state.participants.get(lead.participantId)?.pose.headPosition).toBe(headBefore);
    expect(console.state.speakingQueue.length).toBe(0);
    expect(consoleErrors.map((error) => error.code)).toEqual(["not_allowed"]);

    // Leaving the console leaves the avatar in the hall; leaving the hall keeps the console working.
    await console.leave();
    await sleep(200);
    expect(citizen.state.participants.has(lead.participantId)).toBe(true);
    const second = await enterHall(server.url, lead, { view: "console" });
    await waitFor("the second console to see the room", () => second.state.participants?.size === 2);
    await hallTab.leave();
    await waitFor(
      "the facilitator's avatar to go",
      () => !citizen.state.participants.has(lead.participantId),
    );
    citizen.send("raise_hand", {});
    await waitFor("the hand at the console", () => second.state.speakingQueue.length === 1);
    second.send("give_floor", { participantId: citizenJoin.participantId });
    await waitFor("the floor given from a console alone", () => citizen.state.floor.holderId !== "");
    const log = (await second.request("audit_log", {})) as { ok: boolean };
    expect(log.ok).toBe(true);
    await leave([second, citizen]);
  });

  it("refuses a citizen who asks for the console, with not_allowed", async () => {
    const consultation = await server.createConsultation("No console for citizens");
    const citizenJoin = await server.join(consultation.joinCode, "Cas");
    const error = await enterHall(server.url, citizenJoin, { view: "console" }).then(
      () => undefined,
      (refused: unknown) => refused as Error,
    );
    expect(error?.message).toMatch(/^not_allowed/);
    const malformed = await enterHall(server.url, citizenJoin, { view: "stage" }).then(
      () => undefined,
      (refused: unknown) => refused as Error,
    );
    expect(malformed?.message).toMatch(/^invalid_request/);
    // The ordinary hall connection still works for them.
    const room = await enterHall(server.url, citizenJoin);
    await waitFor("own avatar", () => room.state.participants?.has(citizenJoin.participantId) === true);
    await leave([room]);
  });
});

describe("the door", () => {
  it("refuses to join without accepting the code of conduct", async () => {
    const consultation = await server.createConsultation("Rules first");
    for (const accept of [undefined, false]) {
      const { status, body } = await server.post<{ error: { code: string } }>("/api/join", {
        joinCode: consultation.joinCode,
        displayName: "Ann",
        color: "#112233",
        ...(accept === undefined ? {} : { acceptCodeOfConduct: accept }),
      });
      expect(status).toBe(400);
      expect(body.error.code).toBe("code_of_conduct_required");
    }
    const facilitator = await server.post<{ error: { code: string } }>("/api/join", {
      facilitatorKey: consultation.facilitatorKey,
      displayName: "Fatima",
      color: "#112233",
    });
    expect(facilitator.body.error.code).toBe("code_of_conduct_required");
  });

  it("shows the code of conduct in the preview, and the join code to the facilitator link only", async () => {
    const written = "Be kind.\n\nListen first.";
    const { body: created } = await server.post<{ id: string; joinCode: string; facilitatorKey: string }>(
      "/api/consultations",
      { title: "Own rules", language: "nl", codeOfConduct: `  ${written}\r\n` },
    );
    const citizen = await server.post<ConsultationPreview>("/api/preview", { joinCode: created.joinCode });
    expect(citizen.body.codeOfConduct).toBe(written);
    expect(citizen.body).not.toHaveProperty("joinCode");
    const lead = await server.post<ConsultationPreview>("/api/preview", {
      facilitatorKey: created.facilitatorKey,
    });
    expect(lead.body.codeOfConduct).toBe(written);
    expect(lead.body.joinCode).toBe(created.joinCode);

    const facilitatorJoined = await facilitatorJoin(created.facilitatorKey);
    expect(facilitatorJoined.joinCode).toBe(created.joinCode);
    const citizenJoined = await server.join(created.joinCode, "Ann");
    expect(citizenJoined).not.toHaveProperty("joinCode");

    // Without one of its own, a consultation gets the default of its language.
    const french = await server.post<{ joinCode: string }>("/api/consultations", {
      title: "Par défaut",
      language: "fr",
    });
    const preview = await server.post<ConsultationPreview>("/api/preview", {
      joinCode: french.body.joinCode,
    });
    expect(preview.body.codeOfConduct).toMatch(/respectueux/);

    const tooLong = await server.post<{ error: { code: string } }>("/api/consultations", {
      title: "Too long",
      language: "en",
      codeOfConduct: "x".repeat(4001),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe("invalid_code_of_conduct");
    const empty = await server.post<{ error: { code: string } }>("/api/consultations", {
      title: "Empty",
      language: "en",
      codeOfConduct: "   ",
    });
    expect(empty.body.error.code).toBe("invalid_code_of_conduct");
  });
});
