/**
 * Facilitation in the right hands, with real SDK clients on a real server, on SQLite and PostgreSQL:
 * the first to enter through the facilitator link is the lead; someone else who entered through a
 * leaked link can neither replace it nor act on the lead; replacing the link closes, at once, every
 * connection of every session that came in through the old link except the lead's, with a clear close
 * reason, and their tokens open nothing any more; the lead demotes and removes other facilitators,
 * present or not; the console's list says who holds facilitator rights and how.
 */
import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../../shared/protocol/error-codes.ts";
import type { FacilitatorKeyResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import { CLOSE_CODES, type PeopleResponse } from "../../shared/protocol/room-messages.ts";
import { BACKENDS, hallOnBackend } from "../support/backend-hall.ts";
import { collectErrors, type HallRoom, joinRefusal, waitFor } from "../support/room-clients.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the close code and reason once the server closes `room`'s connection. */
function closed(room: HallRoom): Promise<{ code: number; reason: string | undefined }> {
  return new Promise((resolve) => room.onLeave((code, reason) => resolve({ code, reason })));
}

describe.each(BACKENDS)("facilitation rights ($name)", (backend) => {
  const hall = hallOnBackend(backend);
  const enter = (join: JoinResponse, options: Record<string, unknown> = {}) => hall.enter(join, options);

  function rotate(sessionToken: string) {
    return fetch(`${hall.server.url}/api/facilitator-key`, {
      method: "POST",
      headers: { authorization: `Bearer ${sessionToken}` },
    });
  }

  async function errorCode(response: Response): Promise<string> {
    return ((await response.json()) as { error: { code: string } }).error.code;
  }

  it("makes the first through the link the lead; an intruder with the leaked link is let go and shut out when the lead replaces it", async () => {
    const consultation = await hall.server.createConsultation("Leaked link");
    const lead = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const intruder = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Mallory");
    const citizen = await hall.server.join(consultation.joinCode, "Cas");
    const leadRoom = await enter(lead);
    const intruderHall = await enter(intruder);
    const intruderConsole = await enter(intruder, { view: "console" });
    const citizenRoom = await enter(citizen);
    await waitFor("everyone in the hall", () => leadRoom.state.participants?.size === 3);
    expect(leadRoom.state.consultation.leadId).toBe(lead.participantId);
    expect(leadRoom.state.participants.get(intruder.participantId)?.role).toBe("facilitator");

    // The intruder may not replace the link, nor act on the lead.
    expect((await rotate(intruder.sessionToken)).status).toBe(403);
    const intruderErrors = collectErrors(intruderHall);
    intruderHall.send("remove_participant", { participantId: lead.participantId, reason: "coup" });
    intruderHall.send("demote_facilitator", { participantId: lead.participantId });
    intruderHall.send("ban_participant", { participantId: lead.participantId, reason: "coup" });
    intruderHall.send("mute_participant", { participantId: lead.participantId });
    await waitFor("four refusals", () => intruderErrors.length >= 4);
    expect(intruderErrors.map((error) => error.code)).toEqual([
      "protected_participant",
      "not_allowed",
      "protected_participant",
      "protected_participant",
    ]);

    const hallClosed = closed(intruderHall);
    const consoleClosed = closed(intruderConsole);
    const response = await rotate(lead.sessionToken);
    expect(response.status).toBe(201);
    const { facilitatorKey } = (await response.json()) as FacilitatorKeyResponse;
    for (const ended of [await hallClosed, await consoleClosed]) {
      expect(ended.code).toBe(CLOSE_CODES.facilitatorLinkReplaced);
      expect(ended.reason).toMatch(/replaced the facilitator link/);
    }
    await waitFor(
      "the intruder's avatar to go",
      () => !leadRoom.state.participants.has(intruder.participantId),
    );

    // Their token opens nothing any more: not the hall, not the console, not the HTTP API.
    expect(await joinRefusal(hall.server.url, intruder)).toBe("facilitator_link_replaced");
    expect(await joinRefusal(hall.server.url, intruder, { view: "console" })).toBe(
      "facilitator_link_replaced",
    );
    const voice = await fetch(`${hall.server.url}/api/voice-token`, {
      method: "POST",
      headers: { authorization: `Bearer ${intruder.sessionToken}` },
    });
    expect(voice.status).toBe(403);
    expect(await errorCode(voice)).toBe("facilitator_link_replaced");
    const again = await rotate(intruder.sessionToken);
    expect(again.status).toBe(403);
    expect(await errorCode(again)).toBe("facilitator_link_replaced");
    // Nor the old link; the new one does, as a facilitator who is not the lead.
    expect(
      (await hall.server.post("/api/preview", { facilitatorKey: consultation.facilitatorKey })).status,
    ).toBe(404);
    const newcomer = await hall.server.joinAsFacilitator(facilitatorKey, "Femke");
    expect(newcomer.role).toBe("facilitator");

    // The lead and the citizen stay in the hall.
    await sleep(200);
    expect(leadRoom.connection.isOpen).toBe(true);
    expect(citizenRoom.connection.isOpen).toBe(true);
    const audit = (await leadRoom.request("audit_log", {})) as {
      ok: true;
      entries: { action: string; detail?: Record<string, unknown> }[];
    };
    expect(audit.entries.find((entry) => entry.action === "rotate_facilitator_link")?.detail).toEqual({
      ended: 1,
    });
  });

  it("ends the old link's sessions with no room open, and keeps promoted co-facilitators and the lead", async () => {
    const consultation = await hall.server.createConsultation("Quiet rotation");
    const lead = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const second = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Sam");
    const coJoin = await hall.server.join(consultation.joinCode, "Coco");
    const leadRoom = await enter(lead);
    const coRoom = await enter(coJoin);
    await waitFor("both in", () => leadRoom.state.participants?.size === 2);
    leadRoom.send("set_role", { participantId: coJoin.participantId, role: "co_facilitator" });
    await waitFor(
      "the promotion",
      () => leadRoom.state.participants.get(coJoin.participantId)?.role === "co_facilitator",
    );
    await Promise.all([leadRoom.leave(), coRoom.leave()]);
    await sleep(300);

    expect((await rotate(lead.sessionToken)).status).toBe(201);
    expect(await joinRefusal(hall.server.url, second)).toBe("facilitator_link_replaced");
    expect(await joinRefusal(hall.server.url, lead)).toBe("admitted");
    expect(await joinRefusal(hall.server.url, coJoin)).toBe("admitted");
    // Someone who entered through the link later is not the lead: they may not replace it.
    expect((await rotate(coJoin.sessionToken)).status).toBe(403);
  });

  it("leaves no session from the old link open when joins race the replacement", async () => {
    const consultation = await hall.server.createConsultation("Racing the rotation");
    const lead = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const joins = Array.from({ length: 12 }, (_, i) =>
      hall.server.post<JoinResponse & { error?: { code: string } }>("/api/join", {
        facilitatorKey: consultation.facilitatorKey,
        displayName: `Racer ${i}`,
        color: "#aa8800",
        acceptCodeOfConduct: true,
      }),
    );
    const rotation = rotate(lead.sessionToken);
    const answers = await Promise.all(joins);
    expect((await rotation).status).toBe(201);
    for (const answer of answers) {
      if (answer.status !== 200) {
        expect(answer.body.error?.code).toBe("unknown_facilitator_key");
        continue;
      }
      expect(await joinRefusal(hall.server.url, answer.body)).toBe("facilitator_link_replaced");
    }
    expect(await joinRefusal(hall.server.url, lead)).toBe("admitted");
  });

  it("lets the lead demote and remove other facilitators, present or gone, and nobody else", async () => {
    const consultation = await hall.server.createConsultation("Who runs it");
    const lead = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const present = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Piet");
    const gone = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Greta");
    const third = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Thijs");
    const coJoin = await hall.server.join(consultation.joinCode, "Coco");
    // A citizen opens the room before the lead: the lead is still who first came through the link.
    const coRoom = await enter(coJoin);
    const leadRoom = await enter(lead);
    const presentRoom = await enter(present);
    const presentConsole = await enter(present, { view: "console" });
    const goneRoom = await enter(gone);
    const thirdRoom = await enter(third);
    await waitFor("everyone in", () => leadRoom.state.participants?.size === 5);
    expect(coRoom.state.consultation.leadId).toBe(lead.participantId);
    leadRoom.send("set_role", { participantId: coJoin.participantId, role: "co_facilitator" });
    await waitFor(
      "the promotion",
      () => leadRoom.state.participants.get(coJoin.participantId)?.role === "co_facilitator",
    );
    await goneRoom.leave();
    await waitFor("Greta to leave", () => !leadRoom.state.participants.has(gone.participantId));

    // Who holds facilitator rights, and how.
    const answer = (await presentConsole.request("people", {})) as PeopleResponse;
    if (!answer.ok) throw new Error(answer.error.code);
    const byName = new Map(answer.people.map((person) => [person.name, person]));
    expect(answer.people[0]?.name).toBe("Fatima");
    expect(byName.get("Fatima")?.grant).toEqual({ kind: "lead" });
    expect(byName.get("Piet")?.grant).toEqual({ kind: "facilitator_link" });
    expect(byName.get("Greta")).toMatchObject({ grant: { kind: "facilitator_link" }, present: false });
    expect(byName.get("Coco")).toMatchObject({
      grant: { kind: "promoted", byName: "Fatima" },
      door: "join_code",
      present: true,
    });
    const citizenJoin = await hall.server.join(consultation.joinCode, "Cas");
    const citizenRoom = await enter(citizenJoin);
    const refusedList = (await citizenRoom.request("people", {})) as PeopleResponse;
    expect(refusedList.ok || refusedList.error.code).toBe("not_allowed");

    // Another facilitator may not demote or remove a facilitator; a co-facilitator neither.
    const refusals: [HallRoom, string, Record<string, unknown>, ErrorCode][] = [
      [presentRoom, "demote_facilitator", { participantId: third.participantId }, "not_allowed"],
      [
        presentRoom,
        "remove_participant",
        { participantId: third.participantId, reason: "x" },
        "protected_participant",
      ],
      [
        presentRoom,
        "ban_participant",
        { participantId: third.participantId, reason: "x" },
        "protected_participant",
      ],
      [
        coRoom,
        "remove_participant",
        { participantId: third.participantId, reason: "x" },
        "protected_participant",
      ],
      [leadRoom, "demote_facilitator", { participantId: lead.participantId }, "cannot_target_self"],
      [leadRoom, "demote_facilitator", { participantId: citizenJoin.participantId }, "already_in_role"],
    ];
    for (const [room, type, body, code] of refusals) {
      const errors = collectErrors(room);
      room.send(type, body);
      await waitFor(`${type} to be refused`, () => errors.length > 0);
      expect(errors[0]?.code, `${type} ${JSON.stringify(body)}`).toBe(code);
    }
    expect(leadRoom.state.participants.get(third.participantId)?.role).toBe("facilitator");

    // The lead demotes one present (hall and console follow), one gone, and a co-facilitator.
    leadRoom.send("demote_facilitator", { participantId: present.participantId });
    await waitFor(
      "Piet demoted",
      () => leadRoom.state.participants.get(present.participantId)?.role === "citizen",
    );
    const demotedErrors = collectErrors(presentConsole);
    presentConsole.send("lock_room", { locked: true });
    await waitFor("the demoted console to be refused", () => demotedErrors.length > 0);
    expect(demotedErrors[0]?.code).toBe("not_allowed");
    leadRoom.send("demote_facilitator", { participantId: gone.participantId });
    leadRoom.send("demote_facilitator", { participantId: coJoin.participantId });
    await waitFor(
      "Coco demoted",
      () => leadRoom.state.participants.get(coJoin.participantId)?.role === "citizen",
    );
    const after = (await leadRoom.request("people", {})) as PeopleResponse;
    if (!after.ok) throw new Error(after.error.code);
    expect(
      after.people
        .filter((person) => person.grant)
        .map((person) => person.name)
        .sort(),
    ).toEqual(["Fatima", "Thijs"]);
    expect(after.people.find((person) => person.name === "Greta")?.role).toBe("citizen");

    // The lead removes a facilitator: closed with 4102, token refused.
    const thirdClosed = closed(thirdRoom);
    leadRoom.send("remove_participant", { participantId: third.participantId, reason: "not ours" });
    expect((await thirdClosed).code).toBe(CLOSE_CODES.removedByFacilitator);
    expect(await joinRefusal(hall.server.url, third)).toBe("removed");
  });
});
