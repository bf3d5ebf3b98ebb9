/**
 * Personal invitations with real SDK clients, on SQLite and PostgreSQL alike: facilitators make, list
 * and revoke them; one invitation is one person, whatever tab or browser enters with it (one ballot,
 * the same participant); a revoked invitation, or one whose holder was banned, stays closed; the
 * database keeps no code; and an address trying codes is stopped after ten wrong ones a minute.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type {
  AccessMode,
  CreateConsultationResponse,
  CreateInvitationsResponse,
  InvitationListResponse,
  JoinResponse,
  MethodAnswer,
  MyDataResponse,
} from "../../shared/protocol/index.ts";
import { CLOSE_CODES, JOIN_CODE_ALPHABET } from "../../shared/protocol/index.ts";
import { BACKENDS, hallOnBackend } from "../support/backend-hall.ts";
import { type HallRoom, joinRefusal, waitFor } from "../support/room-clients.ts";
import { startTestServer } from "../support/test-server.ts";

const GROUPED_CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{4}(-[${JOIN_CODE_ALPHABET}]{4}){3}$`);

async function call<T>(
  url: string,
  method: "GET" | "POST",
  route: string,
  token: string | undefined,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

function entry(invitationCode: string, displayName = "Panel member", extra: Record<string, unknown> = {}) {
  return { invitationCode, displayName, color: "#225588", acceptCodeOfConduct: true, ...extra };
}

describe.each(BACKENDS)("invitations ($name)", (backend) => {
  const hall = hallOnBackend(backend);

  async function consultation(access: AccessMode = "invitation") {
    const created = await hall.server.post<CreateConsultationResponse>("/api/consultations", {
      title: `Panel ${access}`,
      language: "en",
      access,
    });
    expect(created.status).toBe(201);
    const lead = await hall.server.joinAsFacilitator(created.body.facilitatorKey, "Fatima");
    return { created: created.body, lead };
  }

  async function invite(lead: JoinResponse, body: Record<string, unknown>) {
    const answer = await call<CreateInvitationsResponse>(
      hall.server.url,
      "POST",
      "/api/invitations",
      lead.sessionToken,
      {
        consultationId: lead.consultationId,
        ...body,
      },
    );
    expect(answer.status).toBe(201);
    return answer.body.invitations;
  }

  async function states(lead: JoinResponse): Promise<InvitationListResponse["invitations"]> {
    const answer = await call<InvitationListResponse>(
      hall.server.url,
      "GET",
      `/api/invitations?consultationId=${lead.consultationId}`,
      lead.sessionToken,
    );
    expect(answer.status).toBe(200);
    return answer.body.invitations;
  }

  async function enterWith(code: string, extra: Record<string, unknown> = {}) {
    return hall.server.post<JoinResponse & { error?: { code: string } }>(
      "/api/join",
      entry(code, "Panel member", extra),
    );
  }

  async function openPoll(room: HallRoom): Promise<string> {
    const poll = (await room.request("poll_create", {
      question: "Which bridge?",
      kind: "single",
      options: ["North", "South"],
      open: true,
    })) as MethodAnswer;
    if (!poll.ok) throw new Error(poll.error.code);
    return String(poll.pollId);
  }

  async function revoke(lead: JoinResponse, id: string): Promise<number> {
    return (await call(hall.server.url, "POST", `/api/invitations/${id}/revoke`, lead.sessionToken)).status;
  }

  it("are made by count or by label, with long grouped codes and /i/ links, and listed without codes", async () => {
    const { lead } = await consultation();
    const counted = await invite(lead, { count: 3 });
    const labelled = await invite(lead, { labels: ["Seat 1", "  Seat   2 "] });
    for (const invitation of [...counted, ...labelled]) {
      expect(invitation.code).toMatch(GROUPED_CODE);
      expect(invitation.link).toBe(`/i/${invitation.code}`);
    }
    expect(new Set([...counted, ...labelled].map((invitation) => invitation.code)).size).toBe(5);
    expect(labelled.map((invitation) => invitation.label)).toEqual(["Seat 1", "Seat 2"]);
    const listed = await states(lead);
    expect(listed).toEqual([
      ...counted.map(({ id }) => ({ id, state: "unused" })),
      ...labelled.map(({ id, label }) => ({ id, label, state: "unused" })),
    ]);
  });

  it("are made and read by this consultation's facilitators only, within 5,000 and with clean labels", async () => {
    const { created, lead } = await consultation();
    const citizenHall = await consultation("open");
    const citizen = await hall.server.join(citizenHall.created.joinCode, "Lena");
    const body = { consultationId: created.id, count: 2 };
    expect((await call(hall.server.url, "POST", "/api/invitations", undefined, body)).status).toBe(401);
    const otherLead = citizenHall.lead;
    expect(
      (await call(hall.server.url, "POST", "/api/invitations", otherLead.sessionToken, body)).status,
    ).toBe(403);
    const own = { consultationId: citizen.consultationId, count: 2 };
    expect((await call(hall.server.url, "POST", "/api/invitations", citizen.sessionToken, own)).status).toBe(
      403,
    );
    expect(
      (
        await call(
          hall.server.url,
          "GET",
          `/api/invitations?consultationId=${created.id}`,
          otherLead.sessionToken,
        )
      ).status,
    ).toBe(403);
    for (const bad of [{ count: 0 }, { count: 5001 }, { labels: [] }]) {
      const answer = await call<{ error: { code: string } }>(
        hall.server.url,
        "POST",
        "/api/invitations",
        lead.sessionToken,
        {
          consultationId: created.id,
          ...bad,
        },
      );
      expect(answer.status, JSON.stringify(bad)).toBe(400);
    }
    const hidden = await call<{ error: { code: string } }>(
      hall.server.url,
      "POST",
      "/api/invitations",
      lead.sessionToken,
      {
        consultationId: created.id,
        labels: ["Seat 1", "\u202Eevil"],
      },
    );
    expect([hidden.status, hidden.body.error.code]).toEqual([400, "invalid_invitations"]);
    await invite(lead, { count: 4999 });
    const over = await call<{ error: { code: string } }>(
      hall.server.url,
      "POST",
      "/api/invitations",
      lead.sessionToken,
      {
        consultationId: created.id,
        count: 2,
      },
    );
    expect([over.status, over.body.error.code]).toEqual([400, "invalid_invitations"]);
    expect(await states(lead)).toHaveLength(4999);
  });

  it("are managed by a co-facilitator too, but not by an observer", async () => {
    const { lead } = await consultation();
    const leadRoom = await hall.enter(lead);
    const [forCo, forObserver] = await invite(lead, { count: 2 });
    if (!forCo || !forObserver) throw new Error("no invitations");
    const co = (await enterWith(forCo.code)).body;
    const observer = (await enterWith(forObserver.code)).body;
    await Promise.all([hall.enter(co), hall.enter(observer)]);
    await waitFor("both in the hall", () => leadRoom.state.participants.size === 3);
    leadRoom.send("set_role", { participantId: co.participantId, role: "co_facilitator" });
    leadRoom.send("set_role", { participantId: observer.participantId, role: "observer" });
    await waitFor(
      "the new roles",
      () => leadRoom.state.participants.get(observer.participantId)?.role === "observer",
    );
    const body = { consultationId: lead.consultationId, count: 1 };
    expect((await call(hall.server.url, "POST", "/api/invitations", co.sessionToken, body)).status).toBe(201);
    expect(
      (await call(hall.server.url, "POST", "/api/invitations", observer.sessionToken, body)).status,
    ).toBe(403);
    const list = `/api/invitations?consultationId=${lead.consultationId}`;
    expect((await call(hall.server.url, "GET", list, observer.sessionToken)).status).toBe(403);
    expect(
      (await call(hall.server.url, "POST", `/api/invitations/${forCo.id}/revoke`, observer.sessionToken))
        .status,
    ).toBe(403);
    expect((await states(lead)).map((invitation) => invitation.state)).toEqual([
      "entered",
      "entered",
      "unused",
    ]);
  });

  it("refuse hostile bodies with 400 and make nothing", async () => {
    const { created, lead } = await consultation();
    const id = created.id;
    const hostile: unknown[] = [
      { consultationId: id, count: "5" },
      { consultationId: id, count: 1.5 },
      { consultationId: id, count: Number.MAX_SAFE_INTEGER },
      { consultationId: id, labels: "Seat 1" },
      { consultationId: id, labels: [1, 2] },
      { consultationId: id, labels: ["x".repeat(1001)] },
      { consultationId: id, labels: Array.from({ length: 5001 }, (_, i) => `Seat ${i}`) },
      { consultationId: id, count: 1, labels: ["Seat 1"] },
      { consultationId: id, count: 1, role: "facilitator" },
      { consultationId: ["x"], count: 1 },
      { count: 1 },
      null,
    ];
    for (const body of hostile) {
      const answer = await call(hall.server.url, "POST", "/api/invitations", lead.sessionToken, body);
      expect(answer.status, JSON.stringify(body)?.slice(0, 80)).toBe(400);
    }
    for (const invitationCode of [123, "", "x".repeat(65), ["AAAA"]]) {
      const answer = await hall.server.post("/api/join", { ...entry("AAAA-AAAA-AAAA-AAAA"), invitationCode });
      expect(answer.status, String(invitationCode).slice(0, 20)).toBe(400);
    }
    expect(await states(lead)).toEqual([]);
  });

  it("keep only a hash of each code in the database, never the code", async () => {
    const { lead } = await consultation();
    const [invitation] = await invite(lead, { labels: ["Seat 9"] });
    if (!invitation) throw new Error("no invitation");
    const plain = invitation.code.replaceAll("-", "");
    const rows = await hall.rows(`SELECT * FROM invitations WHERE id = '${invitation.id}'`);
    expect(rows).toHaveLength(1);
    const everything = JSON.stringify(await hall.rows("SELECT * FROM invitations"));
    expect(everything).not.toContain(plain);
    expect(everything).not.toContain(invitation.code);
    expect(rows[0]?.code_hash).toBe(createHash("sha256").update(plain).digest("hex"));
  });

  it('give their holder, in "Download my data", the door they came through and their invitation\'s label', async () => {
    const { lead } = await consultation();
    const [invitation] = await invite(lead, { labels: ["Seat 14"] });
    if (!invitation) throw new Error("no invitation");
    const entered = await enterWith(invitation.code);
    expect(entered.status).toBe(200);
    const room = await hall.enter(entered.body);
    const answer = (await room.request("my_data", {})) as MyDataResponse;
    if (!answer.ok) throw new Error(`my_data refused: ${answer.error.code}`);
    expect(answer.data.you).toMatchObject({
      participantId: entered.body.participantId,
      door: "invitation",
      invitationLabel: "Seat 14",
      verifiedIdentityStored: false,
    });
  });

  it("enter as one participant from two tabs: the second replaces the first, and the poll counts one ballot", async () => {
    const { lead } = await consultation();
    const leadRoom = await hall.enter(lead);
    const [invitation] = await invite(lead, { count: 1 });
    if (!invitation) throw new Error("no invitation");
    const pollId = await openPoll(leadRoom);

    const first = await enterWith(invitation.code);
    expect(first.status).toBe(200);
    const firstTab = await hall.enter(first.body);
    const closed = new Promise<number>((resolve) => firstTab.onLeave((code) => resolve(code)));
    expect(((await firstTab.request("cast_ballot", { pollId, choices: [0] })) as MethodAnswer).ok).toBe(true);
    // Typed by hand on another device: lower case, no dashes.
    const second = await enterWith(invitation.code.replaceAll("-", "").toLowerCase(), {
      deviceKey: "another-device-key-1234",
    });
    expect(second.status).toBe(200);
    expect(second.body.participantId).toBe(first.body.participantId);
    const secondTab = await hall.enter(second.body);
    expect(await closed).toBe(CLOSE_CODES.replacedBySameParticipant);
    expect(((await secondTab.request("cast_ballot", { pollId, choices: [1] })) as MethodAnswer).ok).toBe(
      true,
    );
    await expect.poll(() => leadRoom.state.polls.get(pollId)?.ballots).toBe(1);
    await waitFor("one avatar for the invitation", () => leadRoom.state.participants.size === 2);
    expect(await states(lead)).toEqual([{ id: invitation.id, state: "entered" }]);
  });

  it("refuse a revoked invitation, close its holder's connection and end their session", async () => {
    const { lead } = await consultation();
    const [used, unused] = await invite(lead, { count: 2 });
    if (!used || !unused) throw new Error("no invitations");
    const holder = (await enterWith(used.code)).body;
    const holderRoom = await hall.enter(holder);
    const closed = new Promise<number>((resolve) => holderRoom.onLeave((code) => resolve(code)));
    expect(await revoke(lead, used.id)).toBe(200);
    expect(await closed).toBe(CLOSE_CODES.invitationRevoked);
    expect(await revoke(lead, unused.id)).toBe(200);
    for (const code of [used.code, unused.code]) {
      const again = await enterWith(code);
      expect([again.status, again.body.error?.code]).toEqual([403, "invitation_revoked"]);
    }
    expect(await joinRefusal(hall.server.url, holder)).toBe("invitation_revoked");
    expect(await states(lead)).toEqual([
      { id: used.id, state: "revoked" },
      { id: unused.id, state: "revoked" },
    ]);
    expect(await revoke(lead, "no-such-invitation")).toBe(404);
  });

  it("are bound by a ban: the holder cannot come back from a new browser either", async () => {
    const { lead } = await consultation();
    const leadRoom = await hall.enter(lead);
    const [invitation] = await invite(lead, { count: 1 });
    if (!invitation) throw new Error("no invitation");
    const holder = (await enterWith(invitation.code, { deviceKey: "first-browser-key-1234" })).body;
    const holderRoom = await hall.enter(holder, { deviceKey: "first-browser-key-1234" });
    await waitFor("the holder in the hall", () => leadRoom.state.participants.has(holder.participantId));
    const closed = new Promise<number>((resolve) => holderRoom.onLeave((code) => resolve(code)));
    leadRoom.send("ban_participant", { participantId: holder.participantId, reason: "disrupting" });
    expect(await closed).toBe(CLOSE_CODES.bannedByFacilitator);
    // A private window: no device key at all.
    const back = await enterWith(invitation.code);
    expect([back.status, back.body.error?.code]).toEqual([403, "banned"]);
    expect(await states(lead)).toEqual([{ id: invitation.id, state: "revoked" }]);
  });

  it("are counted in the report and the open data by mode, invited, entered and voted, never by label or code", async () => {
    const { created, lead } = await consultation();
    const leadRoom = await hall.enter(lead);
    const made = await invite(lead, { labels: ["Seat Alpha", "Seat Beta", "Seat Gamma"] });
    const pollId = await openPoll(leadRoom);
    const [voter, watcher] = await Promise.all(
      made.slice(0, 2).map((invitation) => enterWith(invitation.code)),
    );
    const voterRoom = await hall.enter(voter?.body as JoinResponse);
    await hall.enter(watcher?.body as JoinResponse);
    expect(((await voterRoom.request("cast_ballot", { pollId, choices: [1] })) as MethodAnswer).ok).toBe(
      true,
    );
    expect(((await leadRoom.request("close_consultation", {})) as MethodAnswer).ok).toBe(true);
    const base = `${hall.server.url}/c/${created.id}/`;
    const report = (await (await fetch(`${base}report.json`)).json()) as { access: unknown };
    expect(report.access).toEqual({
      mode: "invitation",
      openAttendance: false,
      invited: 3,
      entered: 2,
      voted: 1,
    });
    const files = await Promise.all(
      ["report.json", "report.csv", "polls.json", "polls.csv", "dataset.jsonld"].map(async (file) =>
        (await fetch(`${base}${file}`)).text(),
      ),
    );
    expect(JSON.parse(files[2] ?? "{}").consultation.access).toEqual(report.access);
    expect(files[1]).toContain("access,all,mode,invitation");
    const hashes = (
      await hall.rows(`SELECT code_hash FROM invitations WHERE consultation_id = '${created.id}'`)
    ).map((row) => String(row.code_hash));
    for (const secret of [
      ...made.flatMap((i) => [i.code, i.code.replaceAll("-", ""), i.label ?? "", i.id]),
      ...hashes,
    ])
      for (const file of files) expect(file).not.toContain(secret);
  });

  it("mark an open consultation's report as open attendance", async () => {
    const { lead } = await consultation("open");
    const leadRoom = await hall.enter(lead);
    expect(((await leadRoom.request("close_consultation", {})) as MethodAnswer).ok).toBe(true);
    const report = (await (
      await fetch(`${hall.server.url}/c/${lead.consultationId}/report.json`)
    ).json()) as {
      access: unknown;
    };
    expect(report.access).toEqual({ mode: "open", openAttendance: true, invited: 0, entered: 0, voted: 0 });
  });

  it("open only the doors their mode allows", async () => {
    const open = await consultation("open");
    const [inOpen] = await invite(open.lead, { count: 1 });
    const verified = await consultation("verified");
    const [inVerified] = await invite(verified.lead, { count: 1 });
    if (!inOpen || !inVerified) throw new Error("no invitations");
    expect((await enterWith(inOpen.code)).status).toBe(200);
    const refused = await enterWith(inVerified.code);
    expect([refused.status, refused.body.error?.code]).toEqual([403, "sign_in_required"]);
    const unknown = await enterWith("AAAA-AAAA-AAAA-AAAA");
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, "unknown_invitation"]);
    const preview = await hall.server.post<{ access: string; title: string }>("/api/preview", {
      invitationCode: inOpen.code,
    });
    expect([preview.status, preview.body.access, preview.body.title]).toEqual([200, "open", "Panel open"]);
  });
});

describe("wrong invitation codes", () => {
  it("are refused 429 after ten a minute from one address, while right codes are not counted", async () => {
    const server = await startTestServer();
    try {
      const created = await server.post<CreateConsultationResponse>("/api/consultations", {
        title: "Guessing",
        language: "en",
        access: "invitation",
      });
      const lead = await server.joinAsFacilitator(created.body.facilitatorKey, "Fatima");
      const made = await call<CreateInvitationsResponse>(
        server.url,
        "POST",
        "/api/invitations",
        lead.sessionToken,
        {
          consultationId: lead.consultationId,
          count: 1,
        },
      );
      const code = made.body.invitations[0]?.code ?? "";
      for (let i = 0; i < 12; i++) expect((await server.post("/api/join", entry(code))).status).toBe(200);
      for (let i = 0; i < 10; i++) {
        const wrong = await server.post("/api/preview", { invitationCode: `WRONG${i}` });
        expect(wrong.status).toBe(404);
      }
      const limited = await server.post<{ error: { code: string } }>(
        "/api/join",
        entry("KKKK-KKKK-KKKK-KKKK"),
      );
      expect([limited.status, limited.body.error.code]).toEqual([429, "rate_limited"]);
      expect((await server.post("/api/join", entry(code))).status).toBe(429);
      // The join code's door is not this limit's business.
      expect((await server.post("/api/preview", { joinCode: created.body.joinCode })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
