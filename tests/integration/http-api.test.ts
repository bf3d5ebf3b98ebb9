import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCodeOfConduct } from "../../shared/consultation/code-of-conduct.ts";
import { JOIN_CODE_ALPHABET } from "../../shared/protocol/join-code.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

describe("HTTP API", () => {
  it("creates a consultation with a readable join code and a long facilitator key", async () => {
    const { status, body } = await server.post<{ id: string; joinCode: string; facilitatorKey: string }>(
      "/api/consultations",
      {
        title: "  Library opening hours ",
        language: "fr",
      },
    );
    expect(status).toBe(201);
    expect(body.joinCode).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    expect(body.facilitatorKey.length).toBeGreaterThanOrEqual(40);
    const preview = await server.post<{ title: string; language: string }>("/api/preview", {
      joinCode: body.joinCode.toLowerCase(),
    });
    expect(preview.body).toEqual({
      id: body.id,
      title: "Library opening hours",
      language: "fr",
      codeOfConduct: defaultCodeOfConduct("fr"),
      access: "open",
      privacy: { retentionDays: 30, voice: "peer_to_peer" },
    });
  });

  it("accepts a join code typed in lower case with spaces and dashes", async () => {
    const consultation = await server.createConsultation();
    const typed = `${consultation.joinCode.slice(0, 3).toLowerCase()} - ${consultation.joinCode.slice(3)}`;
    const join = await server.join(typed, "Dries");
    expect(join.role).toBe("citizen");
    expect(join.consultationId).toBe(consultation.id);
  });

  it("refuses unknown codes and facilitator keys with 404 and a stable error code", async () => {
    const unknown = await server.post("/api/join", {
      joinCode: "AAAAAA",
      displayName: "Ann",
      color: "#112233",
      acceptCodeOfConduct: true,
    });
    expect(unknown).toEqual({
      status: 404,
      body: { error: { code: "unknown_code", message: expect.any(String) } },
    });
    const badKey = await server.post("/api/join", {
      facilitatorKey: "guess",
      displayName: "Ann",
      color: "#112233",
      acceptCodeOfConduct: true,
    });
    expect(badKey.status).toBe(404);
    expect((badKey.body as { error: { code: string } }).error.code).toBe("unknown_facilitator_key");
    const preview = await server.post("/api/preview", { joinCode: "ZZZ" });
    expect(preview.status).toBe(404);
  });

  it.each([
    ["an empty name", { displayName: "   " }, "invalid_name"],
    ["a 33-character name", { displayName: "x".repeat(33) }, "invalid_name"],
    ["a name with a zero-width space", { displayName: "An\u200Bn" }, "invalid_name"],
    ["a name with a right-to-left override", { displayName: "\u202Enna" }, "invalid_name"],
    ["a name with a control character", { displayName: "Ann\u0007" }, "invalid_name"],
    ["a name with markup", { displayName: "<b>Ann</b>" }, "invalid_name"],
    ["a colour that is not hex", { color: "red" }, "invalid_color"],
    ["a claimed role", { role: "facilitator" }, "invalid_request"],
  ])("refuses %s with 400", async (_label, override, code) => {
    const consultation = await server.createConsultation();
    const { status, body } = await server.post("/api/join", {
      joinCode: consultation.joinCode,
      displayName: "Ann",
      color: "#112233",
      acceptCodeOfConduct: true,
      ...override,
    });
    expect(status).toBe(400);
    expect((body as { error: { code: string } }).error.code).toBe(code);
  });

  it("trims names and keeps 32 characters, counting letters not bytes", async () => {
    const consultation = await server.createConsultation();
    const name = `  ${"é".repeat(31)}ß  `;
    const join = await server.join(consultation.joinCode, name);
    expect(join.participantId).toBeTruthy();
  });

  it("answers malformed and oversized bodies with a clear error", async () => {
    const malformed = await server.post("/api/consultations", "{not json");
    expect(malformed.status).toBe(400);
    expect((malformed.body as { error: { code: string } }).error.code).toBe("invalid_request");
    const huge = await server.post("/api/consultations", { title: "x".repeat(50_000), language: "en" });
    expect(huge.status).toBe(413);
    expect((huge.body as { error: { code: string } }).error.code).toBe("payload_too_large");
    const badLanguage = await server.post("/api/consultations", { title: "Hi", language: "de" });
    expect(badLanguage.status).toBe(400);
    const missingApi = await fetch(`${server.url}/api/nope`);
    expect(missingApi.status).toBe(404);
  });
});

describe("voice token endpoint without LiveKit", () => {
  it("tells a participant to use peer-to-peer voice", async () => {
    const consultation = await server.createConsultation();
    const join = await server.join(consultation.joinCode, "Vera");
    const response = await fetch(`${server.url}/api/voice-token`, {
      method: "POST",
      headers: { authorization: `Bearer ${join.sessionToken}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ mode: "mesh", iceServers: [] });
  });

  it.each([
    ["no Authorization header", undefined],
    ["a malformed header", "Token abc"],
    ["a forged token", "Bearer v1.eyJjIjoiYyJ9.forged"],
  ])("refuses %s with 401", async (_label, authorization) => {
    const response = await fetch(`${server.url}/api/voice-token`, {
      method: "POST",
      headers: authorization ? { authorization } : {},
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_session");
  });
});
