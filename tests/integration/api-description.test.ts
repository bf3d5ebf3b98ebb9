/**
 * The published API description against the real server: every documented route is called, with its
 * refusals, and each real answer is validated with ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect)
 * against the schema the document gives for that status and media type. The room protocol's schemas
 * accept what real clients send and what the room answers, and refuse what the room refuses.
 */

import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { AccessToken } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTCOME_FILES } from "../../shared/consultation/outcome-exports.ts";
import { freePort } from "../support/free-port.ts";
import { newAjv, roomProtocolSchemas } from "../support/json-schema.ts";
import {
  startTestIssuer,
  TEST_CLIENT,
  TEST_USERS,
  type TestIssuer,
  type TestLogin,
} from "../support/oidc-issuer.ts";
import { CookieJar, loginAtProvider, visitCallback } from "../support/oidc-sign-in.ts";
import { collectErrors, enterHall, type HallRoom, poseAt, waitFor } from "../support/room-clients.ts";
import { startServerProcess } from "../support/server-process.ts";
import { startPostgres } from "../support/test-postgres.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const METRICS_TOKEN = "api-description-metrics-token";
// Configured so that LiveKit's webhook is served; nothing listens there, and no test here needs voice.
const LIVEKIT = {
  LIVEKIT_URL: "ws://127.0.0.1:9",
  LIVEKIT_API_KEY: "api-description-key",
  LIVEKIT_API_SECRET: "api-description-secret-0123456789abcdef",
};
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

type Json = Record<string, unknown>;
interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Json }> }> }>
  >;
}

describe("the API description", () => {
  let server: TestServer;
  let issuer: TestIssuer;
  let document: OpenApiDocument;
  const ajv = newAjv();
  const validators = new Map<Json, ValidateFunction>();
  /** `METHOD path status` of every answer checked against the document. */
  const checked = new Set<string>();
  const rooms: HallRoom[] = [];

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const port = await freePort();
    server = await startTestServer({
      METRICS_TOKEN,
      ...LIVEKIT,
      PORT: String(port),
      OIDC_ISSUER: issuer.url,
      OIDC_CLIENT_ID: TEST_CLIENT.id,
      OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
      OIDC_REDIRECT_URL: `http://127.0.0.1:${port}/auth/oidc/callback`,
    });
    issuer.serve(`${server.url}/auth/oidc/callback`);
    const response = await fetch(`${server.url}/api/openapi.json`);
    document = (await response.json()) as OpenApiDocument;
  });
  afterAll(async () => {
    await Promise.all(rooms.map((room) => room.leave().catch(() => undefined)));
    await server.stop();
    await issuer.stop();
  });

  /** Calls a route and checks the answer against the document; `route` is the documented path. */
  async function call(
    method: "get" | "post",
    route: string,
    url: string,
    init: {
      body?: unknown;
      token?: string;
      raw?: Uint8Array | string;
      baseUrl?: string;
      contentType?: string;
      authorization?: string;
    } = {},
  ): Promise<{ status: number; body: unknown; type: string }> {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.authorization) headers.authorization = init.authorization;
    let body: BodyInit | undefined;
    if (init.raw !== undefined) {
      body = typeof init.raw === "string" ? init.raw : new Blob([init.raw as Uint8Array<ArrayBuffer>]);
      headers["content-type"] =
        init.contentType ?? (typeof init.raw === "string" ? "application/json" : "image/png");
    } else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["content-type"] = "application/json";
    }
    const response = await fetch(`${init.baseUrl ?? server.url}${url}`, {
      method: method.toUpperCase(),
      headers,
      body,
    });
    return checkAnswer(method, route, response);
  }

  /** Checks an answer against the document; `route` is the documented path. */
  async function checkAnswer(
    method: "get" | "post",
    route: string,
    response: Response,
  ): Promise<{ status: number; body: unknown; type: string }> {
    const type = (response.headers.get("content-type") ?? "").split(";")[0] ?? "";
    const operation = document.paths[route]?.[method];
    expect(operation, `${method} ${route} is documented`).toBeDefined();
    const answer = operation?.responses[String(response.status)] ?? operation?.responses.default;
    expect(answer, `${method} ${route} ${response.status} is documented`).toBeDefined();
    // A redirect is documented without a body: whatever page comes with it is not the answer.
    const media = answer?.content === undefined ? undefined : answer.content[type];
    if (answer?.content !== undefined)
      expect(media, `${method} ${route} ${response.status} ${type} is documented`).toBeDefined();
    let parsed: unknown;
    if (media && (type === "application/json" || type === "application/ld+json")) {
      parsed = await response.json();
      const schema = media?.schema ?? {};
      const validate = validators.get(schema) ?? ajv.compile(schema);
      validators.set(schema, validate);
      expect(
        validate(parsed),
        `${method} ${route} ${response.status}: ${ajv.errorsText(validate.errors)}`,
      ).toBe(true);
    } else {
      parsed = new Uint8Array(await response.arrayBuffer());
    }
    checked.add(`${method} ${route} ${response.status}`);
    return { status: response.status, body: parsed, type };
  }

  it("is an OpenAPI 3.1 document whose schemas ajv compiles", () => {
    expect(document.openapi).toBe("3.1.0");
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations))
        for (const [status, answer] of Object.entries(operation.responses))
          for (const media of Object.values(answer.content ?? {}))
            expect(() => ajv.compile(media.schema), `${method} ${path} ${status}`).not.toThrow();
  });

  it("describes every answer of every route, refusals included", async () => {
    const door = "/api/consultations";
    expect((await call("post", door, door, { body: { title: "Quay", language: "nl" } })).status).toBe(201);
    expect((await call("post", door, door, { body: { title: "", language: "nl" } })).status).toBe(400);
    expect((await call("post", door, door, { raw: "{not json" })).status).toBe(400);
    const created = (await call("post", door, door, { body: { title: "Riverside", language: "en" } }))
      .body as {
      id: string;
      joinCode: string;
      facilitatorKey: string;
    };

    // A verified consultation's sign-in: Plenum's start, the provider's own login form, and its callback.
    const verified = (
      await call("post", door, door, { body: { title: "Verified", language: "en", access: "verified" } })
    ).body as { id: string };
    const jar = new CookieJar();
    const started = await fetch(`${server.url}/auth/oidc/start?consultationId=${verified.id}`, {
      redirect: "manual",
    });
    jar.keep(started);
    expect((await checkAnswer("get", "/auth/oidc/start", started)).status).toBe(303);
    const callback = await loginAtProvider(
      new URL(started.headers.get("location") ?? "", server.url),
      Object.keys(TEST_USERS)[0] as TestLogin,
      jar,
    );
    expect((await checkAnswer("get", "/auth/oidc/callback", await visitCallback(callback, jar))).status).toBe(
      303,
    );

    expect(
      (await call("post", "/api/preview", "/api/preview", { body: { joinCode: created.joinCode } })).status,
    ).toBe(200);
    const previewKey = { body: { facilitatorKey: created.facilitatorKey } };
    expect((await call("post", "/api/preview", "/api/preview", previewKey)).status).toBe(200);
    expect(
      (await call("post", "/api/preview", "/api/preview", { body: { joinCode: "ZZZZZZ" } })).status,
    ).toBe(404);
    expect((await call("post", "/api/preview", "/api/preview", { body: {} })).status).toBe(400);

    const person = { color: "#3366cc", acceptCodeOfConduct: true };
    const join = (body: Json) => call("post", "/api/join", "/api/join", { body: { ...person, ...body } });
    const lead = (await join({ facilitatorKey: created.facilitatorKey, displayName: "Lea" })).body as {
      sessionToken: string;
      participantId: string;
      consultationId: string;
    };
    const citizen = (await join({ joinCode: created.joinCode, displayName: "Cas" })).body as {
      sessionToken: string;
    };
    expect((await join({ joinCode: "AAAAAA", displayName: "Ann" })).status).toBe(404);
    expect((await join({ joinCode: created.joinCode, displayName: "<b>" })).status).toBe(400);
    expect(
      (await join({ joinCode: created.joinCode, displayName: "Ann", acceptCodeOfConduct: false })).status,
    ).toBe(400);

    const voice = "/api/voice-token";
    expect((await call("post", voice, voice, { token: citizen.sessionToken })).status).toBe(200);
    expect((await call("post", voice, voice)).status).toBe(401);

    const slides = "/api/slides";
    const uploaded = await call("post", slides, slides, { token: lead.sessionToken, raw: PNG });
    expect(uploaded.status).toBe(201);
    expect(
      (await call("post", slides, slides, { token: lead.sessionToken, raw: new Uint8Array([1, 2]) })).status,
    ).toBe(400);
    expect((await call("post", slides, slides, { token: citizen.sessionToken, raw: PNG })).status).toBe(403);
    expect((await call("post", slides, slides, { raw: PNG })).status).toBe(401);
    const slideUrl = (uploaded.body as { url: string }).url;
    const slide = await call("get", "/c/{id}/slides/{slideId}", slideUrl);
    expect([slide.status, slide.type]).toEqual([200, "image/png"]);
    expect((await call("get", "/c/{id}/slides/{slideId}", `/c/${created.id}/slides/nope`)).status).toBe(404);

    const invitations = "/api/invitations";
    const made = await call("post", invitations, invitations, {
      token: lead.sessionToken,
      body: { consultationId: created.id, count: 1 },
    });
    expect(made.status).toBe(201);
    const invitationBody = { consultationId: created.id, count: 0 };
    expect(
      (await call("post", invitations, invitations, { token: lead.sessionToken, body: invitationBody }))
        .status,
    ).toBe(400);
    const own = { token: citizen.sessionToken, body: { consultationId: created.id, count: 1 } };
    expect((await call("post", invitations, invitations, own)).status).toBe(403);
    expect(
      (await call("post", invitations, invitations, { body: { consultationId: created.id, count: 1 } }))
        .status,
    ).toBe(401);
    const listed = `${invitations}?consultationId=${created.id}`;
    expect((await call("get", invitations, listed, { token: lead.sessionToken })).status).toBe(200);
    const [invitation] = (made.body as { invitations: { id: string; code: string }[] }).invitations;
    expect((await join({ invitationCode: invitation?.code, displayName: "Ines" })).status).toBe(200);
    const revoke = "/api/invitations/{id}/revoke";
    const revokeUrl = `${invitations}/${invitation?.id}/revoke`;
    expect((await call("post", revoke, revokeUrl, { token: lead.sessionToken })).status).toBe(200);
    expect(
      (await call("post", revoke, `${invitations}/none/revoke`, { token: lead.sessionToken })).status,
    ).toBe(404);

    const key = "/api/facilitator-key";
    expect((await call("post", key, key, { token: citizen.sessionToken })).status).toBe(403);
    expect((await call("post", key, key)).status).toBe(401);

    const reportJson = `/c/${created.id}/report.json`;
    expect((await call("get", "/c/{id}/report.json", reportJson)).status).toBe(404);
    expect((await call("get", "/c/{id}/report.json", "/c/no-such-consultation/report.json")).status).toBe(
      404,
    );
    expect((await call("get", "/c/{id}/report.csv", `/c/${created.id}/report.csv`)).status).toBe(404);
    const room = await enterHall(server.url, lead as never);
    rooms.push(room);
    expect(await room.request("post_idea", { text: "A footbridge" })).toEqual({
      ok: true,
      ideaId: expect.any(String),
    });
    expect(await room.request("close_consultation", {})).toEqual({ ok: true });
    expect((await call("get", "/c/{id}/report.json", reportJson)).status).toBe(200);
    for (const file of OUTCOME_FILES.map((each) => each.file as string).concat("dataset.jsonld"))
      expect((await call("get", `/c/{id}/${file}`, `/c/${created.id}/${file}`)).status, file).toBe(200);
    expect((await call("get", "/c/{id}/polls.csv", "/c/no-such-consultation/polls.csv")).status).toBe(404);
    const csv = await call("get", "/c/{id}/report.csv", `/c/${created.id}/report.csv`);
    expect([csv.status, csv.type]).toEqual([200, "text/csv"]);
    // Replacing the link last: the lead's session stays, the old key stops opening the consultation.
    expect((await call("post", key, key, { token: lead.sessionToken })).status).toBe(201);

    expect((await call("get", "/healthz", "/healthz")).status).toBe(200);
    const webhook = "/api/livekit-webhook";
    const event = JSON.stringify({ event: "room_started", room: { name: created.id } });
    const signed = new AccessToken(LIVEKIT.LIVEKIT_API_KEY, LIVEKIT.LIVEKIT_API_SECRET);
    signed.sha256 = createHash("sha256").update(event).digest("base64");
    const media = "application/webhook+json";
    const hook = { raw: event, contentType: media };
    expect(
      (await call("post", webhook, webhook, { ...hook, authorization: await signed.toJwt() })).status,
    ).toBe(200);
    expect((await call("post", webhook, webhook, hook)).status).toBe(401);
    expect((await call("get", "/api/create-options", "/api/create-options")).status).toBe(200);
    // A process of its own: the engine's matchmaker is one per process, and this one loses its store.
    const postgres = await startPostgres();
    const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-api-health-"));
    const onPostgres = await startServerProcess({ DATABASE_URL: postgres.url, DATA_DIR: dataDir });
    try {
      await postgres.pause();
      expect((await call("get", "/healthz", "/healthz", { baseUrl: onPostgres.url })).status).toBe(503);
    } finally {
      await onPostgres.stop();
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect((await call("get", "/metrics", "/metrics")).status).toBe(401);
    expect((await call("get", "/metrics", "/metrics", { token: METRICS_TOKEN })).status).toBe(200);
    expect((await call("get", "/api/openapi.json", "/api/openapi.json")).status).toBe(200);
    expect((await call("get", "/api/room-protocol.json", "/api/room-protocol.json")).status).toBe(200);
    const schemaRoute = "/api/schemas/{name}.json";
    expect((await call("get", schemaRoute, "/api/schemas/poll-results.json")).status).toBe(200);
    expect((await call("get", schemaRoute, "/api/schemas/nothing.json")).status).toBe(404);

    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations))
        for (const status of Object.keys(operation.responses).filter((each) => each !== "default"))
          expect(checked, `${method} ${path} ${status} was called`).toContain(`${method} ${path} ${status}`);
  });

  it("publishes the room protocol as JSON Schema that fits what clients send and the room answers", async () => {
    const schemaOf = await roomProtocolSchemas(server.url);
    expect(schemaOf("pose")({ ...poseAt(0, 1.6, 2), t: 5 })).toBe(true);
    expect(schemaOf("pose")({ head: [0, 0, 0] })).toBe(false);
    expect(schemaOf("cast_ballot")({ pollId: "p1", choices: [0] })).toBe(true);
    expect(schemaOf("poll_create")({ question: "Which?", kind: "single", options: ["a", "b"] })).toBe(true);

    const created = await server.createConsultation();
    const joined = await server.join(created.joinCode, "Bo");
    expect(
      schemaOf("JoinOptions")({ consultationId: joined.consultationId, sessionToken: joined.sessionToken }),
    ).toBe(true);
    const room = await enterHall(server.url, joined, { device: "phone" });
    rooms.push(room);
    const errors = collectErrors(room);
    const answer = await room.request("post_idea", { text: "More benches" });
    expect(schemaOf("MethodAnswer")(answer)).toBe(true);
    const refused = await room.request("agenda_next", {});
    expect(refused).toMatchObject({ ok: false, error: { code: "not_allowed" } });
    expect(schemaOf("MethodAnswer")(refused)).toBe(true);
    room.send("sit", { seat: -1 });
    await waitFor("the refusal", () => errors.some((error) => error.code === "invalid_message"));
    expect(schemaOf("sit")({ seat: -1 })).toBe(false);
    for (const error of errors) expect(schemaOf("ErrorMessage")(error)).toBe(true);

    // What the room sends on its own: a report to the facilitator and the audit log. (This server has
    // LiveKit, so it relays no voice signal: voice-mode.test.ts checks a relayed one.)
    const leadJoin = await server.joinAsFacilitator(created.facilitatorKey, "Lea");
    const lead = await enterHall(server.url, leadJoin);
    rooms.push(lead);
    const reports: unknown[] = [];
    lead.onMessage("report_received", (report: unknown) => reports.push(report));
    const leadId = leadJoin.participantId;
    await waitFor("the lead in Bo's view", () => room.state.participants.has(leadId));
    room.send("report", { participantId: leadId, reason: "Shouting" });
    await waitFor("the report", () => reports.length === 1);
    expect(schemaOf("ReportReceived")(reports[0])).toBe(true);
    const auditLog = await lead.request("audit_log", {});
    expect(auditLog).toMatchObject({ ok: true });
    expect(schemaOf("AuditLogResponse")(auditLog)).toBe(true);
    const refusedLog = await room.request("audit_log", {});
    expect(refusedLog).toMatchObject({ ok: false });
    expect(schemaOf("AuditLogResponse")(refusedLog)).toBe(true);
  });
});
