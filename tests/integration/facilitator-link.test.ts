/**
 * Replacing the facilitator link: the lead facilitator gets a new link, the old one stops opening the
 * consultation at once (preview and join), co-facilitators and citizens may not do it, the sessions
 * already open keep going, and the swap is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FacilitatorKeyResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import type { AuditLogResponse } from "../../shared/protocol/room-messages.ts";
import { enterHall, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

function joinWithKey(facilitatorKey: string, displayName: string) {
  return server.post<JoinResponse & { error?: { code: string } }>("/api/join", {
    facilitatorKey,
    displayName,
    color: "#aa8800",
    acceptCodeOfConduct: true,
  });
}

function rotate(sessionToken: string) {
  return fetch(`${server.url}/api/facilitator-key`, {
    method: "POST",
    headers: { authorization: `Bearer ${sessionToken}` },
  });
}

describe("replacing the facilitator link", () => {
  it("refuses the old link afterwards, lets the new one in, and keeps open sessions", async () => {
    const consultation = await server.createConsultation("Leaked link");
    const lead = await server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const room = await enterHall(server.url, lead);
    await waitFor("the hall", () => room.state.participants?.has(lead.participantId) === true);

    const response = await rotate(lead.sessionToken);
    expect(response.status).toBe(201);
    const { facilitatorKey } = (await response.json()) as FacilitatorKeyResponse;
    expect(facilitatorKey).not.toBe(consultation.facilitatorKey);
    expect(facilitatorKey.length).toBeGreaterThanOrEqual(40);

    const oldJoin = await joinWithKey(consultation.facilitatorKey, "Mallory");
    expect(oldJoin.status).toBe(404);
    expect(oldJoin.body.error?.code).toBe("unknown_facilitator_key");
    const oldPreview = await server.post("/api/preview", { facilitatorKey: consultation.facilitatorKey });
    expect(oldPreview.status).toBe(404);
    const newJoin = await joinWithKey(facilitatorKey, "Femke");
    expect(newJoin.status).toBe(200);
    expect(newJoin.body.role).toBe("facilitator");

    expect(room.connection.isOpen).toBe(true);
    const audit = (await room.request("audit_log", {})) as AuditLogResponse;
    expect(audit.ok && audit.entries.map((entry) => entry.action)).toContain("rotate_facilitator_link");
    expect(audit.ok && audit.counts.rotate_facilitator_link).toBe(1);
    await room.leave();
  });

  it("is refused to citizens, co-facilitators and anyone without a valid session", async () => {
    const consultation = await server.createConsultation("Who may");
    const lead = await server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const citizen = await server.join(consultation.joinCode, "Cas");
    const coFacilitator = await server.join(consultation.joinCode, "Coco");
    const leadRoom = await enterHall(server.url, lead);
    const coRoom = await enterHall(server.url, coFacilitator);
    await waitFor("both in the hall", () => leadRoom.state.participants?.size === 2);
    leadRoom.send("set_role", { participantId: coFacilitator.participantId, role: "co_facilitator" });
    await waitFor(
      "the promotion",
      () => leadRoom.state.participants.get(coFacilitator.participantId)?.role === "co_facilitator",
    );
    for (const token of [citizen.sessionToken, coFacilitator.sessionToken]) {
      const refused = await rotate(token);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("not_allowed");
    }
    expect((await rotate("v1.forged.token")).status).toBe(401);
    expect((await joinWithKey(consultation.facilitatorKey, "Still valid")).status).toBe(200);
    await Promise.all([leadRoom.leave(), coRoom.leave()]);
  });
});
