/**
 * Bans and removals that hold, with real SDK clients, on SQLite and PostgreSQL: a facilitator bans or
 * removes someone who already left, picking them from the list of everyone who came; when they come
 * back, their old session (with or without a device key, from any browser), the same browser with the
 * join code and their voice token are refused. Whoever may act on whom is the same rule as in the hall.
 */
import { describe, expect, it } from "vitest";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import type { PeopleResponse, PersonEntry } from "../../shared/protocol/room-messages.ts";
import { BACKENDS, hallOnBackend } from "../support/backend-hall.ts";
import { collectErrors, type HallRoom, joinRefusal, waitFor } from "../support/room-clients.ts";

function deviceKey(label: string): string {
  return `device-${label}-${Math.random().toString(36).slice(2)}`.padEnd(24, "x");
}

describe.each(BACKENDS)("bans that hold ($name)", (backend) => {
  const hall = hallOnBackend(backend);
  const enter = (join: JoinResponse, options: Record<string, unknown> = {}) => hall.enter(join, options);

  async function people(room: HallRoom): Promise<Map<string, PersonEntry>> {
    const answer = (await room.request("people", {})) as PeopleResponse;
    if (!answer.ok) throw new Error(answer.error.code);
    return new Map(answer.people.map((person) => [person.name, person]));
  }

  /** The refusal code of a fresh join with the join code from the browser holding `key`, or "admitted". */
  async function joinCodeRefusal(joinCode: string, key: string): Promise<string> {
    const answer = await hall.server.post<{ error?: { code: string } }>("/api/join", {
      joinCode,
      displayName: "Back again",
      color: "#123456",
      deviceKey: key,
      acceptCodeOfConduct: true,
    });
    if (answer.status === 200) return "admitted";
    expect(answer.status).toBe(403);
    return answer.body.error?.code ?? "none";
  }

  async function voiceStatus(join: JoinResponse): Promise<number> {
    const response = await fetch(`${hall.server.url}/api/voice-token`, {
      method: "POST",
      headers: { authorization: `Bearer ${join.sessionToken}` },
    });
    return response.status;
  }

  it("bans someone who already left, from the list of everyone who came, and the ban holds when they come back", async () => {
    const consultation = await hall.server.createConsultation("Gone before the ban");
    const lead = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const leadRoom = await enter(lead);
    const lenaKey = deviceKey("lena");
    const miaKey = deviceKey("mia");
    const lena = await hall.server.join(consultation.joinCode, "Lena", { deviceKey: lenaKey });
    const mia = await hall.server.join(consultation.joinCode, "Mia", { deviceKey: miaKey });
    const lenaRoom = await enter(lena, { deviceKey: lenaKey });
    const miaRoom = await enter(mia);
    await waitFor("both in", () => leadRoom.state.participants?.size === 3);
    await Promise.all([lenaRoom.leave(), miaRoom.leave()]);
    await waitFor("both gone", () => leadRoom.state.participants.size === 1);

    const before = await people(leadRoom);
    expect(before.get("Lena")).toMatchObject({ present: false, status: "active", door: "join_code" });
    expect(before.get("Lena")?.enteredAt).toBeGreaterThan(0);

    leadRoom.send("ban_participant", { participantId: lena.participantId, reason: "Threats in the chat" });
    leadRoom.send("remove_participant", { participantId: mia.participantId, reason: "Off topic" });
    await expect
      .poll(async () => [
        (await people(leadRoom)).get("Lena")?.status,
        (await people(leadRoom)).get("Mia")?.status,
      ])
      .toEqual(["banned", "removed"]);

    // Coming back: the old session, from the same browser, without a device key or from a private
    // window with a fresh one, is refused; so is the same browser with the join code, and voice.
    expect(await joinRefusal(hall.server.url, lena, { deviceKey: lenaKey })).toBe("banned");
    expect(await joinRefusal(hall.server.url, lena)).toBe("banned");
    expect(await joinRefusal(hall.server.url, lena, { deviceKey: deviceKey("private") })).toBe("banned");
    expect(await joinCodeRefusal(consultation.joinCode, lenaKey)).toBe("banned");
    expect(await voiceStatus(lena)).toBe(403);
    expect(await joinRefusal(hall.server.url, mia)).toBe("removed");
    expect(await joinRefusal(hall.server.url, mia, { deviceKey: deviceKey("private") })).toBe("removed");
    // A removal holds at the door too: the join code does not bring Mia back as someone new.
    expect(await joinCodeRefusal(consultation.joinCode, miaKey)).toBe("removed");
    expect(await voiceStatus(mia)).toBe(403);

    // A removal can be followed by a ban, which binds the browser too.
    leadRoom.send("ban_participant", { participantId: mia.participantId, reason: "Came back to shout" });
    await expect.poll(async () => (await people(leadRoom)).get("Mia")?.status).toBe("banned");
    expect(await joinCodeRefusal(consultation.joinCode, miaKey)).toBe("banned");
    const audit = (await leadRoom.request("audit_log", {})) as {
      ok: true;
      entries: { action: string; targetName?: string }[];
    };
    expect(audit.entries.map((entry) => `${entry.action} ${entry.targetName}`)).toEqual(
      expect.arrayContaining(["ban Lena", "remove Mia", "ban Mia"]),
    );
  });

  it("applies the same rule to the absent as to the present", async () => {
    const consultation = await hall.server.createConsultation("Who may ban whom");
    const lead = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const other = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Femke");
    const coJoin = await hall.server.join(consultation.joinCode, "Coco");
    const citizenJoin = await hall.server.join(consultation.joinCode, "Cas");
    const goneJoin = await hall.server.join(consultation.joinCode, "Gijs");
    const leadRoom = await enter(lead);
    const coRoom = await enter(coJoin);
    const citizenRoom = await enter(citizenJoin);
    const otherRoom = await enter(other);
    const goneRoom = await enter(goneJoin);
    await waitFor("all in", () => leadRoom.state.participants?.size === 5);
    leadRoom.send("set_role", { participantId: coJoin.participantId, role: "co_facilitator" });
    await waitFor(
      "promotion",
      () => leadRoom.state.participants.get(coJoin.participantId)?.role === "co_facilitator",
    );
    await Promise.all([otherRoom.leave(), goneRoom.leave()]);
    await waitFor("two gone", () => leadRoom.state.participants.size === 3);

    const attempts: [HallRoom, string, string][] = [
      [citizenRoom, goneJoin.participantId, "not_allowed"],
      [coRoom, other.participantId, "protected_participant"],
      [coRoom, "nobody-here", "unknown_participant"],
      [coRoom, lead.participantId, "protected_participant"],
    ];
    for (const [room, participantId, code] of attempts) {
      const errors = collectErrors(room);
      room.send("ban_participant", { participantId, reason: "because" });
      await waitFor(`a refusal (${code})`, () => errors.length > 0);
      expect(errors[0]?.code).toBe(code);
    }
    expect(await joinRefusal(hall.server.url, goneJoin)).toBe("admitted");
    coRoom.send("ban_participant", { participantId: goneJoin.participantId, reason: "Abuse" });
    await expect.poll(() => joinRefusal(hall.server.url, goneJoin)).toBe("banned");
    // Banned already: there is nobody left to ban.
    const errors = collectErrors(coRoom);
    coRoom.send("ban_participant", { participantId: goneJoin.participantId, reason: "Twice" });
    await waitFor("a refusal", () => errors.length > 0);
    expect(errors[0]?.code).toBe("unknown_participant");
    // The lead may ban a facilitator who left.
    leadRoom.send("ban_participant", { participantId: other.participantId, reason: "Not one of us" });
    await expect.poll(() => joinRefusal(hall.server.url, other)).toBe("banned");
  });

  it("never shuts the lead out through a browser someone they removed shared", async () => {
    const consultation = await hall.server.createConsultation("One laptop, two tabs");
    const shared = deviceKey("shared");
    const lead = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const leadRoom = await enter(lead, { deviceKey: shared });
    const tab = await hall.server.join(consultation.joinCode, "Second tab", { deviceKey: shared });
    await enter(tab, { deviceKey: shared });
    await waitFor("both in", () => leadRoom.state.participants?.size === 2);
    leadRoom.send("remove_participant", { participantId: tab.participantId, reason: "Testing" });
    await expect.poll(async () => (await people(leadRoom)).get("Second tab")?.status).toBe("removed");

    expect(await joinCodeRefusal(consultation.joinCode, shared)).toBe("removed");
    await leadRoom.leave();
    expect(await joinRefusal(hall.server.url, lead, { deviceKey: shared })).toBe("admitted");
  });
});
