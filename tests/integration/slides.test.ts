/** Slides: facilitators upload images over authenticated HTTP; the room shows them one by one. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MethodAnswer } from "../../shared/protocol/consultation-messages.ts";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import { enterHall, waitFor } from "../support/room-clients.ts";
import { startPostgres, type TestPostgres } from "../support/test-postgres.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

async function upload(token: string | undefined, body: Uint8Array<ArrayBuffer>, on = server) {
  const response = await fetch(`${on.url}/api/slides`, {
    method: "POST",
    headers: {
      "content-type": "application/octet-stream",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as { url?: string; index?: number; error?: { code: string } },
  };
}

describe("slides", () => {
  it("are uploaded by facilitators only, validated, served back and stepped through", async () => {
    const consultation = await server.createConsultation("Slides");
    const lead = (
      await server.post<JoinResponse>("/api/join", {
        facilitatorKey: consultation.facilitatorKey,
        displayName: "Lead",
        color: "#123456",
        acceptCodeOfConduct: true,
      })
    ).body;
    const citizen = await server.join(consultation.joinCode, "Cit");
    const room = await enterHall(server.url, lead);
    room.onMessage("error", () => undefined);
    await waitFor("own avatar", () => room.state.participants?.has(lead.participantId) === true);

    expect((await upload(undefined, PNG)).status).toBe(401);
    expect((await upload(citizen.sessionToken, PNG)).body.error?.code).toBe("not_allowed");
    expect((await upload(lead.sessionToken, new TextEncoder().encode("%PDF-1.7"))).body.error?.code).toBe(
      "invalid_slide",
    );
    expect((await upload(lead.sessionToken, new Uint8Array(5 * 1024 * 1024 + 1))).status).toBe(413);
    const uploaded = await upload(lead.sessionToken, PNG);
    expect(uploaded.status).toBe(201);
    await waitFor("the slide in the state", () => room.state.slides.urls.length === 1);
    expect(room.state.slides.urls[0]).toBe(uploaded.body.url);
    const served = await fetch(`${server.url}${uploaded.body.url}`);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);

    expect(((await room.request("slide_show", { index: 0 })) as MethodAnswer).ok).toBe(true);
    await waitFor("slide shown", () => room.state.slides.current === 0);
    const beyond = (await room.request("slide_show", { index: 1 })) as MethodAnswer;
    expect(beyond.ok ? "ok" : beyond.error.code).toBe("unknown_slide");
    await room.leave();
  });
});

async function facilitatorOf(on: TestServer): Promise<JoinResponse> {
  const consultation = await on.createConsultation("Slide deck");
  return on.joinAsFacilitator(consultation.facilitatorKey, "Lead");
}

describe.each(["SQLite", "PostgreSQL"])("the 50-slide cap (%s)", (backend) => {
  let own: TestServer;
  let postgres: TestPostgres | undefined;
  beforeAll(async () => {
    postgres = backend === "PostgreSQL" ? await startPostgres() : undefined;
    own = await startTestServer(postgres ? { DATABASE_URL: postgres.url } : {});
  }, 30_000);
  afterAll(async () => {
    await own?.stop();
    await postgres?.stop();
  });

  it("holds against uploads sent at the same moment", async () => {
    const lead = await facilitatorOf(own);
    for (let i = 0; i < 46; i++) expect((await upload(lead.sessionToken, PNG, own)).status).toBe(201);
    const racing = await Promise.all(Array.from({ length: 12 }, () => upload(lead.sessionToken, PNG, own)));
    const accepted = racing.filter((each) => each.status === 201);
    expect(accepted.map((each) => each.body.index).sort((a, b) => Number(a) - Number(b))).toEqual([
      46, 47, 48, 49,
    ]);
    expect(racing.filter((each) => each.status === 409).map((each) => each.body.error?.code)).toEqual(
      Array(8).fill("too_many_slides"),
    );
    const room = await enterHall(own.url, lead);
    room.onMessage("error", () => undefined);
    await waitFor("the slides in the state", () => (room.state.slides?.urls.length ?? 0) > 0);
    expect(room.state.slides.urls.length).toBe(50);
    await room.leave();
  }, 60_000);
});

describe("slide uploads", () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ SLIDE_RATE_LIMIT: "3" });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it("are limited per address: past SLIDE_RATE_LIMIT a minute, 429 rate_limited", async () => {
    const lead = await facilitatorOf(limited);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await upload(lead.sessionToken, PNG, limited)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const refused = await upload(lead.sessionToken, PNG, limited);
    expect(refused.body.error?.code).toBe("rate_limited");
  });
});
