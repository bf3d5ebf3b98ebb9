/**
 * The server's log, read the way a log collector reads it: one JSON object a line, at the most verbose
 * level, while a person with a canary name joins, talks, chats, posts an idea, is reported, muted and
 * removed, and while callers knock on pages and routes with secrets in their paths. The canary name,
 * the texts, the reasons, the facilitator key and the join code never appear in it; request lines
 * carry their request id, which the answer names too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsultationStore } from "../../server/store/consultation-store.ts";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import { capturedLog, warningsAndErrors } from "../support/captured-log.ts";
import { collectErrors, enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const CANARY = "Canary Vandermeulen";
const CHAT = "canary chat about the riverside";
const IDEA = "canary idea: a footbridge";
const REASON = "canary reason for the facilitator";

describe("the server's log", () => {
  const { lines, stream: destination } = capturedLog();
  let server: TestServer;
  const rooms: HallRoom[] = [];

  beforeAll(async () => {
    server = await startTestServer({ LOG_LEVEL: "trace" }, { logDestination: destination });
  });
  afterAll(async () => {
    await Promise.all(rooms.map((room) => room.leave().catch(() => undefined)));
    await server.stop();
  });

  it("writes JSON lines with request ids and no personal data or secrets", async () => {
    const created = await server.createConsultation("Log privacy");
    const lead = await server.joinAsFacilitator(created.facilitatorKey, "Facilitator Fien");
    const canary = await server.join(created.joinCode, CANARY);
    const leadRoom = await enterHall(server.url, lead);
    const canaryRoom = await enterHall(server.url, canary, { device: "phone" });
    // The canary is removed at the end, which closes its connection.
    rooms.push(leadRoom);
    const errors = collectErrors(canaryRoom);
    leadRoom.onMessage("report_received", () => undefined);

    const ask = async (room: HallRoom, type: string, body: unknown) =>
      (await room.request(type, body)) as MethodAnswer;
    expect((await ask(canaryRoom, "chat_send", { text: CHAT })).ok).toBe(true);
    expect((await ask(canaryRoom, "post_idea", { text: IDEA })).ok).toBe(true);
    canaryRoom.send("raise_hand", {});
    canaryRoom.send("report", { participantId: lead.participantId, reason: REASON });
    canaryRoom.send(CANARY, { name: CANARY });
    await waitFor("the refusal", () => errors.some((error) => error.code === "unknown_message"));
    leadRoom.send("mute_participant", { participantId: canary.participantId, reason: REASON });
    await waitFor("the mute", () => leadRoom.state.participants.get(canary.participantId)?.muted === true);

    const page = await fetch(`${server.url}/f/${created.facilitatorKey}?name=${encodeURIComponent(CANARY)}`);
    await page.arrayBuffer();
    const refused = await fetch(`${server.url}/api/voice-token`, {
      method: "POST",
      headers: { authorization: `Bearer ${CANARY.replaceAll(" ", "-")}` },
    });
    expect(refused.status).toBe(401);
    const requestId = refused.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await server.post("/api/join", {
      joinCode: created.joinCode,
      displayName: `${CANARY}\u0000`,
      color: "x",
    });

    leadRoom.send("remove_participant", { participantId: canary.participantId, reason: REASON });
    await waitFor("the removal", () => !leadRoom.state.participants.has(canary.participantId));

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) {
      expect(typeof entry.level).toBe("number");
      expect(typeof entry.time).toBe("number");
    }
    const answered = entries.find((entry) => entry.requestId === requestId);
    expect(answered?.res).toEqual({ statusCode: 401 });
    expect(answered?.req).toEqual({ id: requestId, method: "POST", path: "/api/voice-token" });
    expect(entries.some((entry) => (entry.req as { path?: string } | undefined)?.path === "/f/…")).toBe(true);
    const handled = entries.filter((entry) => entry.command === "chat_send");
    expect(handled.length).toBeGreaterThan(0);
    expect(handled[0]?.commandId).toMatch(/^c[0-9a-z]+$/);
    // The command pipeline gives each command its id: a refusal's line carries the refused command's,
    // and a join is a command too.
    const refusal = entries.find((entry) => entry.msg === "The room refused a message: unknown_message");
    expect(refusal?.command).toBe("other");
    expect(refusal?.commandId).toMatch(/^c[0-9a-z]+$/);
    const joins = entries.filter((entry) => entry.msg === "A connection entered a hall");
    expect(joins.map((entry) => entry.command)).toEqual(["join", "join"]);
    expect(new Set(joins.map((entry) => entry.commandId)).size).toBe(2);
    const chatIds = new Set(handled.map((entry) => entry.commandId));
    expect(chatIds.size).toBe(1);

    const text = lines.join("\n");
    for (const secret of [
      CANARY,
      "Canary",
      "Fien",
      CHAT,
      IDEA,
      REASON,
      created.facilitatorKey,
      created.joinCode,
      canary.sessionToken,
      canary.participantId,
    ])
      expect(text, secret).not.toContain(secret);
  });
});

describe("the server's log while every request fails", () => {
  const { lines, stream: destination } = capturedLog();
  let server: TestServer;

  beforeAll(async () => {
    // The store stops answering: the health check answers 503 to every caller.
    const unreachable = (store: ConsultationStore): ConsultationStore =>
      new Proxy(store, {
        get(target, key) {
          if (key === "ping") return () => Promise.reject(new Error("connection refused"));
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    server = await startTestServer({}, { logDestination: destination, wrapStore: unreachable });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("writes a few error lines for 200 failed answers, not one each", async () => {
    for (let i = 0; i < 200; i++) {
      const response = await fetch(`${server.url}/healthz`);
      expect(response.status).toBe(503);
      await response.body?.cancel();
    }
    const failures = warningsAndErrors(lines).filter((line) => line.includes("HTTP 503 GET /healthz"));
    expect(failures.length).toBeGreaterThan(0);
    expect(warningsAndErrors(lines).length).toBeLessThanOrEqual(10);
  });
});
