/**
 * The room's text chat with real SDK clients: everyone but observers writes, everyone reads, texts are
 * cleaned, a sender is rate limited, a facilitator hides a message with a reason (audited) and it leaves
 * everyone's state. An acknowledged message is in the store: after a restart on the same store the
 * room shows it again (and still not the hidden one), and the report counts messages without naming
 * anyone. The same script runs against SQLite and a throwaway PostgreSQL cluster.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHAT_BURST } from "../../shared/consultation/chat.ts";
import type { OutcomeReport } from "../../shared/consultation/outcome-report.ts";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { AuditLogResponse } from "../../shared/protocol/room-messages.ts";
import { enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "../support/test-postgres.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const settle = (what: string, check: () => boolean) => waitFor(what, check, 10_000);

async function ask(room: HallRoom, type: string, body: unknown): Promise<MethodAnswer> {
  return (await room.request(type, body)) as MethodAnswer;
}

async function refusal(room: HallRoom, type: string, body: unknown): Promise<string> {
  const answer = await ask(room, type, body);
  return answer.ok ? "ok" : answer.error.code;
}

const texts = (room: HallRoom) => [...(room.state.chat ?? [])].map((message) => message.text);

const BACKENDS: { name: string; available: () => boolean }[] = [
  { name: "SQLite", available: () => true },
  { name: "PostgreSQL", available: postgresAvailable },
];

describe.each(BACKENDS)("the room's chat ($name)", ({ name, available }) => {
  let postgres: TestPostgres | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-chat-"));
  let env: Record<string, string>;
  let server: TestServer | undefined;
  const rooms: HallRoom[] = [];

  beforeAll(async () => {
    if (!available()) throw new Error("PostgreSQL is not installed (.ci/run installs it)");
    postgres = name === "PostgreSQL" ? await startPostgres() : undefined;
    // The same data folder keeps the session secret, so tokens from before the restart stay valid.
    env = postgres ? { DATABASE_URL: postgres.url, DATA_DIR: dataDir } : { DATA_DIR: dataDir };
  });

  afterAll(async () => {
    await Promise.all(rooms.map((room) => room.leave().catch(() => undefined)));
    await server?.stop();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is written by all but observers, hidden by facilitators with an audited reason, and survives a restart", async () => {
    server = await startTestServer(env);
    const { id, joinCode, facilitatorKey } = await server.createConsultation("Chatty square");
    const leadJoin = (
      await server.post<Parameters<typeof enterHall>[1]>("/api/join", {
        facilitatorKey,
        displayName: "Fatima",
        color: "#aa8800",
        acceptCodeOfConduct: true,
      })
    ).body;
    const anoukJoin = await server.join(joinCode, "Anouk");
    const bramJoin = await server.join(joinCode, "Bram");
    const oscarJoin = await server.join(joinCode, "Oscar");
    const [lead, anouk, bram, oscar] = await Promise.all(
      [leadJoin, anoukJoin, bramJoin, oscarJoin].map((join) => enterHall(server?.url ?? "", join)),
    );
    for (const room of [lead, anouk, bram, oscar] as HallRoom[]) {
      room.onMessage("error", () => undefined);
      rooms.push(room);
    }
    if (!lead || !anouk || !bram || !oscar) throw new Error("not everyone entered");
    await settle("four in the hall", () => lead.state.participants?.size === 4);
    lead.send("set_role", { participantId: oscarJoin.participantId, role: "observer" });
    await settle(
      "Oscar an observer",
      () => lead.state.participants.get(oscarJoin.participantId)?.role === "observer",
    );

    // A citizen writes; the text is cleaned; everyone, the observer too, reads it with the author.
    const sent = await ask(anouk, "chat_send", { text: "  Hello\u202E   everyone\u200B \n" });
    expect(sent.ok && typeof sent.messageId).toBe("string");
    for (const room of [lead, bram, oscar])
      await settle("Anouk's message everywhere", () => texts(room).join("|") === "Hello everyone");
    const first = oscar.state.chat[0];
    expect([first?.authorName, first?.authorId]).toEqual(["Anouk", anoukJoin.participantId]);

    // Refusals change nothing.
    expect(await refusal(oscar, "chat_send", { text: "Observers only read" })).toBe("not_allowed");
    expect(await refusal(bram, "chat_send", { text: " \u200B " })).toBe("invalid_chat_message");
    expect(await refusal(bram, "chat_send", { text: "x".repeat(501) })).toBe("invalid_chat_message");
    expect(await refusal(bram, "chat_send", { text: "hi", authorId: leadJoin.participantId })).toBe(
      "invalid_message",
    );
    expect(await refusal(bram, "chat_hide", { messageId: first?.id, reason: "mine now" })).toBe(
      "not_allowed",
    );

    // Bram is rate limited after a burst; his acknowledged messages are all there.
    for (let i = 1; i <= CHAT_BURST; i++)
      expect((await ask(bram, "chat_send", { text: `Point ${i}` })).ok).toBe(true);
    expect(await refusal(bram, "chat_send", { text: "One too many" })).toBe("rate_limited");
    expect((await ask(lead, "chat_send", { text: "Please keep it short" })).ok).toBe(true);
    await settle("seven messages", () => texts(oscar).length === 7);
    expect(texts(oscar)).not.toContain("One too many");

    // The facilitator hides Bram's second message: gone for everyone, audited with the reason.
    const hiddenId = anouk.state.chat.find((message) => message.text === "Point 2")?.id ?? "";
    expect(await refusal(lead, "chat_hide", { messageId: hiddenId, reason: " " })).toBe("invalid_reason");
    expect((await ask(lead, "chat_hide", { messageId: hiddenId, reason: "Personal details" })).ok).toBe(true);
    for (const room of [anouk, bram, oscar])
      await settle(
        "the hidden message gone",
        () => !texts(room).includes("Point 2") && texts(room).length === 6,
      );
    expect(await refusal(lead, "chat_hide", { messageId: hiddenId, reason: "again" })).toBe(
      "chat_message_hidden",
    );
    expect(await refusal(lead, "chat_hide", { messageId: "nope", reason: "x" })).toBe("unknown_chat_message");
    const audit = (await lead.request("audit_log", {})) as AuditLogResponse;
    if (!audit.ok) throw new Error("audit log refused");
    const entry = audit.entries.find((e) => e.action === "hide_chat");
    expect(entry).toMatchObject({
      actorId: leadJoin.participantId,
      targetId: bramJoin.participantId,
      reason: "Personal details",
    });
    expect(audit.counts.hide_chat).toBe(1);
    const before = texts(lead);

    // Restart on the same store: the acknowledged messages come back in order, the hidden one does not.
    await Promise.all(rooms.splice(0).map((room) => room.leave()));
    await server.stop();
    server = await startTestServer(env);
    const again = await enterHall(server.url, leadJoin);
    again.onMessage("error", () => undefined);
    rooms.push(again);
    await settle("the chat restored", () => texts(again).length === 6);
    expect(texts(again)).toEqual(before);

    // The report counts the chat and names nobody.
    expect((await ask(again, "close_consultation", {})).ok).toBe(true);
    const report = (await (await fetch(`${server.url}/c/${id}/report.json`)).json()) as OutcomeReport;
    expect(report.chat).toEqual({ messages: 7, hidden: 1 });
    expect(report.moderation.hide_chat).toBe(1);
    const csv = await (await fetch(`${server.url}/c/${id}/report.csv`)).text();
    expect(csv).toContain("chat,all,messages,7");
    expect(csv).toContain("chat,all,hidden,1");
    for (const secret of ["Anouk", "Bram", "Oscar", "Fatima", "Hello everyone", "Point 1"]) {
      expect(JSON.stringify(report)).not.toContain(secret);
      expect(csv).not.toContain(secret);
    }
    for (const join of [leadJoin, anoukJoin, bramJoin]) expect(csv).not.toContain(join.participantId);
    expect(await refusal(again, "chat_send", { text: "After closing" })).toBe("consultation_closed");
  }, 60_000);

  it("keeps the newest 100 visible messages in the state; a hidden one makes room for an older one", async () => {
    server ??= await startTestServer(env);
    const running = server;
    const { joinCode, facilitatorKey } = await running.createConsultation("Busy chat");
    const lead = await enterHall(running.url, await running.joinAsFacilitator(facilitatorKey, "Lead"));
    lead.onMessage("error", () => undefined);
    rooms.push(lead);
    // 21 people sending a burst each: 105 messages, more than the state holds.
    const senders = await Promise.all(
      Array.from({ length: 21 }, async (_, i) => {
        const room = await enterHall(running.url, await running.join(joinCode, `Person ${i}`));
        room.onMessage("error", () => undefined);
        rooms.push(room);
        return room;
      }),
    );
    for (const [i, room] of senders.entries())
      for (let n = 0; n < CHAT_BURST; n++)
        expect((await ask(room, "chat_send", { text: `m${i * CHAT_BURST + n}` })).ok).toBe(true);
    const expected = (from: number) => Array.from({ length: 100 }, (_, k) => `m${from + k}`);
    await settle("the newest 100 messages", () => texts(lead).join() === expected(5).join());

    const newest = lead.state.chat.at(-1)?.id ?? "";
    expect((await ask(lead, "chat_hide", { messageId: newest, reason: "Spam" })).ok).toBe(true);
    await settle("m4 back in the window", () => texts(lead).join() === expected(4).join());
    // A room that has left never settles a second leave, so afterAll must not see these again.
    rooms.splice(0, rooms.length, ...rooms.filter((room) => !senders.includes(room)));
    await Promise.all(senders.map((room) => room.leave()));
    await settle("everyone but the facilitator gone", () => lead.state.participants.size === 1);
  }, 60_000);
});
