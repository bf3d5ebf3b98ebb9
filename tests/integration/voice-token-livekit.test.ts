import { TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSessionToken } from "../../server/auth/session-token.ts";
import type { VoiceTokenResponse } from "../../shared/protocol/http-api.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const LIVEKIT = {
  LIVEKIT_URL: "ws://127.0.0.1:7880",
  LIVEKIT_API_KEY: "devkey",
  LIVEKIT_API_SECRET: "secret-for-the-voice-token-tests-01234",
};
const SESSION_SECRET = "session-secret-for-the-voice-token-tests-0123";
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ ...LIVEKIT, SESSION_SECRET });
});

afterAll(async () => {
  await server.stop();
});

async function voiceToken(sessionToken: string) {
  const response = await fetch(`${server.url}/api/voice-token`, {
    method: "POST",
    headers: { authorization: `Bearer ${sessionToken}` },
  });
  return {
    status: response.status,
    body: (await response.json()) as VoiceTokenResponse & { error?: { code: string } },
  };
}

describe("voice token endpoint with LiveKit configured", () => {
  it("mints a token for the participant's identity in the consultation's LiveKit room", async () => {
    const consultation = await server.createConsultation();
    const join = await server.join(consultation.joinCode, "Lieve");
    const { status, body } = await voiceToken(join.sessionToken);
    expect(status).toBe(200);
    if (body.mode !== "livekit") throw new Error(`expected livekit mode, got ${JSON.stringify(body)}`);
    expect(body.url).toBe(LIVEKIT.LIVEKIT_URL);
    const claims = await new TokenVerifier(LIVEKIT.LIVEKIT_API_KEY, LIVEKIT.LIVEKIT_API_SECRET).verify(
      body.token,
    );
    expect(claims.sub).toBe(join.participantId);
    expect(claims.video).toMatchObject({
      room: consultation.id,
      roomJoin: true,
      canPublish: true,
      canPublishSources: ["microphone"],
    });
    expect(claims.video?.roomAdmin).toBeFalsy();
  });

  it("refuses a session for a participant of another consultation, or one that was never admitted", async () => {
    const consultation = await server.createConsultation();
    const other = await server.createConsultation();
    const join = await server.join(consultation.joinCode, "Karel");
    const crossed = issueSessionToken(SESSION_SECRET, {
      consultationId: other.id,
      participantId: join.participantId,
      role: "citizen",
      expiresAt: Math.floor(Date.now() / 1000) + 600,
    });
    expect((await voiceToken(crossed)).status).toBe(401);
    const ghost = issueSessionToken(SESSION_SECRET, {
      consultationId: consultation.id,
      participantId: "never-admitted",
      role: "facilitator",
      expiresAt: Math.floor(Date.now() / 1000) + 600,
    });
    expect((await voiceToken(ghost)).status).toBe(401);
    const expired = issueSessionToken(SESSION_SECRET, {
      consultationId: consultation.id,
      participantId: join.participantId,
      role: "citizen",
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    expect((await voiceToken(expired)).status).toBe(401);
  });
});
