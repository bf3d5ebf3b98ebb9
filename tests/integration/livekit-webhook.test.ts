/**
 * LiveKit's webhook against a real server: a voice token says what its holder could do when it was
 * minted, so someone muted afterwards who reconnects to voice with it (or whom a restarted LiveKit lets
 * back in) must be silenced again, and someone no longer in the hall taken out of voice. Webhooks are
 * signed as LiveKit signs them (a JWT over the body's SHA-256); voice enforcement is recorded.
 */
import { createHash } from "node:crypto";
import { AccessToken } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVEKIT_WEBHOOK_MEDIA_TYPE, LIVEKIT_WEBHOOK_ROUTE } from "../../server/voice/livekit-webhook.ts";
import { recordedVoice } from "../support/recorded-voice.ts";
import { enterHall, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const API_KEY = "webhook-test-key";
const API_SECRET = "webhook-test-secret-0123456789abcdef";
const { calls, voice } = recordedVoice();
let server: TestServer;

beforeAll(async () => {
  // Nothing listens at LIVEKIT_URL: the recorder stands in for LiveKit's API.
  const liveKit = {
    LIVEKIT_URL: "ws://127.0.0.1:9",
    LIVEKIT_API_KEY: API_KEY,
    LIVEKIT_API_SECRET: API_SECRET,
  };
  server = await startTestServer(liveKit, { voice });
});

afterAll(async () => {
  await server.stop();
});

function joinedEvent(consultationId: string, participantId: string): string {
  return JSON.stringify({
    event: "participant_joined",
    id: `EV_${participantId}`,
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { name: consultationId },
    participant: { identity: participantId },
  });
}

async function signature(body: string, secret = API_SECRET): Promise<string> {
  const token = new AccessToken(API_KEY, secret);
  token.sha256 = createHash("sha256").update(body).digest("base64");
  return token.toJwt();
}

async function webhook(body: string, authorization?: string): Promise<number> {
  const headers: Record<string, string> = { "content-type": LIVEKIT_WEBHOOK_MEDIA_TYPE };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(`${server.url}${LIVEKIT_WEBHOOK_ROUTE}`, { method: "POST", headers, body });
  await response.body?.cancel();
  return response.status;
}

describe("LiveKit's webhook", () => {
  it("silences again a muted citizen who reconnects to voice, and takes whoever left out of voice", async () => {
    const created = await server.createConsultation("Webhook");
    const lead = await server.joinAsFacilitator(created.facilitatorKey, "Lead");
    const citizen = await server.join(created.joinCode, "Cit");
    const leaver = await server.join(created.joinCode, "Gone");
    const f = await enterHall(server.url, lead);
    await enterHall(server.url, citizen);
    const l = await enterHall(server.url, leaver);
    const id = citizen.participantId;
    await f.send("set_mode", { mode: "open" });
    await waitFor("open mode", () => f.state.participants.get(id)?.canSpeak === true);
    f.send("mute_participant", { participantId: id });
    await waitFor("the facilitator's mute", () => f.state.participants.get(id)?.canSpeak === false);
    await l.leave();
    await waitFor("the leaver gone", () => !f.state.participants.has(leaver.participantId));

    calls.length = 0;
    const rejoin = joinedEvent(created.id, id);
    // Forged: unsigned, signed with another secret, or a signature over another body.
    expect(await webhook(rejoin)).toBe(401);
    expect(await webhook(rejoin, await signature(rejoin, "another-secret-0123456789abcdef0123"))).toBe(401);
    expect(await webhook(rejoin, await signature(joinedEvent(created.id, lead.participantId)))).toBe(401);
    expect(calls).toEqual([]);

    expect(await webhook(rejoin, await signature(rejoin))).toBe(200);
    expect(calls).toEqual([`${id}:silent`]);

    const gone = joinedEvent(created.id, leaver.participantId);
    expect(await webhook(gone, await signature(gone))).toBe(200);
    const stranger = joinedEvent("no-such-consultation", "somebody");
    expect(await webhook(stranger, await signature(stranger))).toBe(200);
    expect(calls).toEqual([`${id}:silent`, `${leaver.participantId}:removed`, "somebody:removed"]);
    await f.leave();
  });
});
