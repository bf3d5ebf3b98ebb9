/**
 * What every HTTP answer tells the browser (content security, framing, referrer, permissions), that
 * other sites cannot call the API from a browser unless configured, and that the door rate-limits a
 * flood from one address without storing anything for it.
 */
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ DOOR_RATE_LIMIT: "8" });
});

afterAll(async () => {
  await server.stop();
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = "", ...values]) => [name, values]),
  );
}

describe("security headers", () => {
  it.each(["/", "/j/ABCDEF", "/healthz", "/api/nope"])("are sent with %s", async (route) => {
    const response = await fetch(`${server.url}${route}`);
    const csp = directives(response.headers.get("content-security-policy") ?? "");
    expect(csp.get("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'", "blob:"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("connect-src")).toContain("'self'");
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    for (const values of csp.values()) expect(values).not.toContain("'unsafe-eval'");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("x-powered-by")).toBeNull();
    const permissions = response.headers.get("permissions-policy") ?? "";
    expect(permissions).toContain("microphone=(self)");
    expect(permissions).toContain("xr-spatial-tracking=(self)");
    expect(permissions).toContain("camera=()");
  });
});

describe("cross-origin requests", () => {
  const evil = "https://evil.example";

  it("are closed by default: no Access-Control-Allow-Origin for another site, on the API or matchmaking", async () => {
    const preflight = await fetch(`${server.url}/api/join`, {
      method: "OPTIONS",
      headers: { origin: evil, "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
    const health = await fetch(`${server.url}/healthz`, { headers: { origin: evil } });
    expect(health.headers.get("access-control-allow-origin")).toBeNull();
    const matchmake = await fetch(`${server.url}/matchmake/joinOrCreate/town_hall`, {
      method: "POST",
      headers: { origin: evil, "content-type": "application/json" },
      body: JSON.stringify({}),
    });
    expect(matchmake.headers.get("access-control-allow-origin")).toBeNull();
    expect(matchmake.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it("are answered for an origin listed in CORS_ORIGINS only", async () => {
    // Colyseus keeps one CORS policy per process: this server, started last, sets it.
    const partnerServer = await startTestServer({ CORS_ORIGINS: "https://partner.example" });
    const listed = await fetch(`${partnerServer.url}/healthz`, {
      headers: { origin: "https://partner.example" },
    });
    expect(listed.headers.get("access-control-allow-origin")).toBe("https://partner.example");
    expect(listed.headers.get("access-control-allow-credentials")).toBeNull();
    const other = await fetch(`${partnerServer.url}/healthz`, { headers: { origin: evil } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    await partnerServer.stop();
  });
});

describe("request size", () => {
  it("refuses an oversized matchmaking body without buffering it", async () => {
    const response = await fetch(`${server.url}/matchmake/joinOrCreate/town_hall`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ consultationId: "x", sessionToken: "y".repeat(4 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "payload_too_large", message: expect.any(String) },
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("the door's rate limit", () => {
  it("answers a join flood from one address with 429 rate_limited and stores nothing for it", async () => {
    const consultation = await server.createConsultation("Flood");
    const statuses: number[] = [];
    let lastBody: unknown;
    for (let i = 0; i < 19; i++) {
      const { status, body } = await server.post("/api/join", {
        joinCode: consultation.joinCode,
        displayName: `Bot ${i}`,
        color: "#112233",
        acceptCodeOfConduct: true,
      });
      statuses.push(status);
      if (status === 429) lastBody = body;
    }
    // Eight requests a minute: the creation and seven joins get through.
    expect(statuses.slice(0, 7)).toEqual(Array(7).fill(200));
    expect(statuses.slice(7)).toEqual(Array(12).fill(429));
    expect(lastBody).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });
    const db = new DatabaseSync(path.join(server.dataDir, "plenum.sqlite"), { readOnly: true });
    const stored = db
      .prepare("SELECT COUNT(*) AS n FROM participants WHERE consultation_id = ?")
      .get(consultation.id) as { n: number };
    db.close();
    expect(stored.n).toBe(7);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("creating consultations", () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ CREATE_RATE_LIMIT: "2" });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it("is limited per address to CREATE_RATE_LIMIT an hour, while joining goes on", async () => {
    const first = await limited.createConsultation("One");
    await limited.createConsultation("Two");
    const third = await limited.post<{ error: { code: string } }>("/api/consultations", {
      title: "Three",
      language: "en",
    });
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe("rate_limited");
    const db = new DatabaseSync(path.join(limited.dataDir, "plenum.sqlite"), { readOnly: true });
    const stored = db.prepare("SELECT COUNT(*) AS n FROM consultations").get() as { n: number };
    db.close();
    expect(stored.n).toBe(2);
    expect((await limited.join(first.joinCode, "Noor")).role).toBe("citizen");
  });
});

describe("a server whose operator requires a creation code", () => {
  const CODE = "staff-only-creation-code";
  let guarded: TestServer;
  beforeAll(async () => {
    guarded = await startTestServer({ CREATE_SECRET: CODE });
  });
  afterAll(async () => {
    await guarded?.stop();
  });

  it("tells the create form to ask for it, and creates nothing without the right code", async () => {
    const options = await (await fetch(`${guarded.url}/api/create-options`)).json();
    expect(options).toEqual({ secretRequired: true });
    expect(await (await fetch(`${server.url}/api/create-options`)).json()).toEqual({ secretRequired: false });
    const body = { title: "Staff only", language: "nl" };
    for (const createSecret of [undefined, "", "staff-only-creation-cod", `${CODE} `]) {
      const refused = await guarded.post<{ error: { code: string } }>("/api/consultations", {
        ...body,
        ...(createSecret === undefined ? {} : { createSecret }),
      });
      expect(refused.status, `code ${JSON.stringify(createSecret)}`).toBe(403);
      expect(refused.body.error.code).toBe("create_secret_required");
    }
    const db = new DatabaseSync(path.join(guarded.dataDir, "plenum.sqlite"), { readOnly: true });
    const stored = db.prepare("SELECT COUNT(*) AS n FROM consultations").get() as { n: number };
    db.close();
    expect(stored.n).toBe(0);
    const created = await guarded.post<{ joinCode: string }>("/api/consultations", {
      ...body,
      createSecret: CODE,
    });
    expect(created.status).toBe(201);
    // Citizens join with the join code alone.
    expect((await guarded.join(created.body.joinCode, "Sanne")).role).toBe("citizen");
  });
});
