/**
 * Who may take part, with real SDK clients on SQLite and PostgreSQL: the mode chosen at creation is
 * stored and shown at the door, each mode's door refuses what it should (the facilitator link opens
 * them all), and a facilitator changes the mode in the room, where it is audited and closes the join
 * code's door at once, for new joins and for the sessions it issued before.
 */
import { describe, expect, it } from "vitest";
import type {
  AccessMode,
  ConsultationPreview,
  CreateConsultationResponse,
} from "../../shared/protocol/index.ts";
import type { AuditLogResponse } from "../../shared/protocol/room-messages.ts";
import { BACKENDS, hallOnBackend } from "../support/backend-hall.ts";
import { collectErrors, joinRefusal, waitFor } from "../support/room-clients.ts";

describe.each(BACKENDS)("access modes ($name)", (backend) => {
  const hall = hallOnBackend(backend);

  async function create(access?: AccessMode): Promise<CreateConsultationResponse> {
    const answer = await hall.server.post<CreateConsultationResponse>("/api/consultations", {
      title: `Access ${access ?? "default"}`,
      language: "en",
      ...(access ? { access } : {}),
    });
    expect(answer.status).toBe(201);
    return answer.body;
  }

  async function joinCodeAnswer(joinCode: string): Promise<{ status: number; code?: string }> {
    const answer = await hall.server.post<{ error?: { code: string } }>("/api/join", {
      joinCode,
      displayName: "Walk-in",
      color: "#123456",
      acceptCodeOfConduct: true,
    });
    return { status: answer.status, code: answer.body.error?.code };
  }

  async function previewAccess(door: Record<string, string>): Promise<string> {
    const answer = await hall.server.post<ConsultationPreview>("/api/preview", door);
    expect(answer.status).toBe(200);
    return answer.body.access;
  }

  it("is open by default, and the join code opens an open consultation", async () => {
    const consultation = await create();
    expect(await previewAccess({ joinCode: consultation.joinCode })).toBe("open");
    expect(await joinCodeAnswer(consultation.joinCode)).toEqual({ status: 200, code: undefined });
  });

  it("refuses a mode that does not exist", async () => {
    const answer = await hall.server.post<{ error: { code: string } }>("/api/consultations", {
      title: "Bad mode",
      language: "en",
      access: "everyone",
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("invalid_request");
  });

  it.each([
    ["invitation", "invitation_required"],
    ["verified", "sign_in_required"],
  ] as const)(
    "in %s mode refuses the join code with %s, and the facilitator link still opens it",
    async (mode, code) => {
      const consultation = await create(mode);
      expect(await previewAccess({ joinCode: consultation.joinCode })).toBe(mode);
      expect(await previewAccess({ facilitatorKey: consultation.facilitatorKey })).toBe(mode);
      expect(await joinCodeAnswer(consultation.joinCode)).toEqual({ status: 403, code });
      const lead = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
      const room = await hall.enter(lead);
      await waitFor("the mode in the hall", () => room.state.consultation?.access === mode);
    },
  );

  it("is changed by a facilitator in the room, audited, and refused to a citizen", async () => {
    const consultation = await create();
    const lead = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const leadRoom = await hall.enter(lead);
    const citizen = await hall.server.join(consultation.joinCode, "Lena");
    const citizenRoom = await hall.enter(citizen);
    const errors = collectErrors(citizenRoom);

    citizenRoom.send("set_access", { access: "verified" });
    await expect.poll(() => errors.map((error) => error.code)).toContain("not_allowed");
    expect(await previewAccess({ joinCode: consultation.joinCode })).toBe("open");

    leadRoom.send("set_access", { access: "invitation" });
    await waitFor("the new mode", () => citizenRoom.state.consultation.access === "invitation");
    expect(await previewAccess({ joinCode: consultation.joinCode })).toBe("invitation");
    expect(await joinCodeAnswer(consultation.joinCode)).toEqual({ status: 403, code: "invitation_required" });

    const log = (await leadRoom.request("audit_log", {})) as AuditLogResponse;
    if (!log.ok) throw new Error(log.error.code);
    expect(log.entries.filter((entry) => entry.action === "set_access")).toEqual([
      expect.objectContaining({ actorId: lead.participantId, detail: { from: "open", to: "invitation" } }),
    ]);
  });

  it("closes the join code's door to sessions it issued before the switch, but not to facilitators", async () => {
    const consultation = await create();
    const lead = await hall.server.joinAsFacilitator(consultation.facilitatorKey, "Fatima");
    const leadRoom = await hall.enter(lead);
    const earlier = await hall.server.join(consultation.joinCode, "Came early");
    leadRoom.send("set_access", { access: "invitation" });
    await waitFor("the new mode", () => leadRoom.state.consultation.access === "invitation");
    expect(await joinRefusal(hall.server.url, earlier)).toBe("invitation_required");
    expect(await joinRefusal(hall.server.url, lead, { view: "console" })).toBe("admitted");
  });
});
