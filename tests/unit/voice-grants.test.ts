import { TokenVerifier } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { voiceCredentials } from "../../server/voice/voice-tokens.ts";

const liveKit = {
  url: "ws://127.0.0.1:7880",
  apiKey: "devkey",
  apiSecret: "a-livekit-secret-for-tests-0123456789",
};
const withLiveKit = { liveKit, meshStunUrls: [] };
const now = 1_800_000_000;

async function grantsFor(role: "facilitator" | "citizen" | "interpreter" | "observer") {
  const answer = await voiceCredentials(
    withLiveKit,
    { consultationId: "cons-1", participantId: `p-${role}`, role, expiresAt: now + 3600 },
    now,
  );
  if (answer.mode !== "livekit") throw new Error("expected a LiveKit token");
  expect(answer.url).toBe(liveKit.url);
  return new TokenVerifier(liveKit.apiKey, liveKit.apiSecret).verify(answer.token, 10 ** 10);
}

describe("voice tokens", () => {
  it.each(["facilitator", "citizen", "interpreter"] as const)(
    "let a %s publish the microphone only, in their consultation's room",
    async (role) => {
      const claims = await grantsFor(role);
      expect(claims.sub).toBe(`p-${role}`);
      expect(claims.video).toMatchObject({
        room: "cons-1",
        roomJoin: true,
        canSubscribe: true,
        canPublish: true,
        canPublishData: false,
      });
      expect(claims.video?.canPublishSources).toEqual(["microphone"]);
      expect(claims.video?.roomAdmin).toBeFalsy();
    },
  );

  it("let an observer listen but publish nothing", async () => {
    const claims = await grantsFor("observer");
    expect(claims.video?.canPublish).toBe(false);
    expect(claims.video?.canPublishSources ?? []).toEqual([]);
    expect(claims.video?.canSubscribe).toBe(true);
    expect(claims.video?.roomAdmin).toBeFalsy();
  });

  it("expire, and never outlive the session", async () => {
    const lifetime = async (sessionLeft: number) => {
      const answer = await voiceCredentials(
        withLiveKit,
        { consultationId: "c", participantId: "p", role: "citizen", expiresAt: now + sessionLeft },
        now,
      );
      if (answer.mode !== "livekit") throw new Error("expected a LiveKit token");
      const payload = JSON.parse(Buffer.from(answer.token.split(".")[1] ?? "", "base64url").toString()) as {
        exp: number;
        nbf: number;
      };
      return payload.exp - payload.nbf;
    };
    expect(await lifetime(600)).toBe(600);
    expect(await lifetime(12 * 3600)).toBe(2 * 3600);
  });

  it("say mesh when no LiveKit server is configured, with the configured STUN servers or none", async () => {
    const session = {
      consultationId: "c",
      participantId: "p",
      role: "citizen" as const,
      expiresAt: now + 60,
    };
    expect(await voiceCredentials({ liveKit: undefined, meshStunUrls: [] }, session, now)).toEqual({
      mode: "mesh",
      iceServers: [],
    });
    const stun = ["stun:stun.example.org:3478", "stuns:stun2.example.org"];
    expect(await voiceCredentials({ liveKit: undefined, meshStunUrls: stun }, session, now)).toEqual({
      mode: "mesh",
      iceServers: [{ urls: stun }],
    });
  });
});
