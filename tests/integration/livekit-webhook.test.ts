/**
 * LiveKit's webhook against a real server: a voice token says what its holder could do when it was
 * minted, so someone muted afterwards who reconnects to voice with it (or whom a restarted LiveKit lets
 * back in) must be silenced again, and someone no longer in the hall taken out of voice. Webhooks are
 * signed as LiveKit signs them (a JWT over the body's SHA-256); voice enforcement is recorded.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AccessToken } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlenum, startPlenum } from "../../server/app.ts";
import { readConfig } from "../../server/config.ts";
import { LIVEKIT_WEBHOOK_MEDIA_TYPE, LIVEKIT_WEBHOOK_ROUTE } from "../../server/voice/livekit-webhook.ts";
import type { VoiceModeration } from "../../server/voice/voice-moderation.ts";
import type { CreateConsultationResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import { enterHall, waitFor } from "../support/room-clients.ts";

const API_KEY = "webhook-test-key";
const API_SECRET = "webhook-test-secret-0123456789abcdef";
const calls: string[] = [];
const recording: VoiceModeration = {
  async setCanSpeak(_consultationId, participantId, canSpeak) {
    calls.push(`${participantId}:${canSpeak ? "speak" : "silent"}`);
  },
  async remove(_consultationId, participantId) {
    calls.push(`${participantId}:removed`);
  },
  decision: () => undefined,
  forget: () => undefined,
};

const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-livekit-webhook-"));
let plenum: RunningPlenum;
let url = "";

beforeAll(async () => {
  const env = {
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    // Nothing listens there: the recorder stands in for LiveKit's API.
    LIVEKIT_URL: "ws://127.0.0.1:9",
    LIVEKIT_API_KEY: API_KEY,
    LIVEKIT_API_SECRET: API_SECRET,
  };
  plenum = await startPlenum(readConfig(env), { voice: recording });
  url = `http://127.0.0.1:${plenum.port}`;
});

afterAll(async () => {
  await plenum.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function post<T>(route: string, body: unknown): Promise<T> {
  const response = await fetch(`${url}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

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
  const response = await fetch(`${url}${LIVEKIT_WEBHOOK_ROUTE}`, { method: "POST", headers, body });
  await response.body?.cancel();
  return response.status;
}

describe("LiveKit's webhook", () => {
  it("silences again a muted citizen who reconnects to voice, and takes whoever left out of voice", async () => {
    const created = await post<CreateConsultationResponse>("/api/consultations", {
      title: "Webhook",
      language: "en",
    });
    const lead = await post<JoinResponse>("/api/join", {
      facilitatorKey: created.facilitatorKey,
      displayName: "Lead",
      color: "#112233",
      acceptCodeOfConduct: true,
    });
    const join = (displayName: string) =>
      post<JoinResponse>("/api/join", {
        joinCode: created.joinCode,
        displayName,
        color: "#112233",
        acceptCodeOfConduct: true,
      });
    const citizen = await join("Cit");
    const leaver = await join("Gone");
    const f = await enterHall(url, lead);
    await enterHall(url, citizen);
    const l = await enterHall(url, leaver);
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
