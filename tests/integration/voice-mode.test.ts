/**
 * What the door says about voice and who is responsible, and `VOICE_MODE=livekit`: the operator
 * requires LiveKit, so the server does not start without it, never answers "peer to peer", and the
 * room relays no peer-to-peer signal (which would hand one participant's network address to another).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MeshVoiceModeration } from "../../server/voice/voice-moderation.ts";
import type {
  ConsultationPreview,
  JoinResponse,
  VoiceTokenResponse,
} from "../../shared/protocol/http-api.ts";
import { SIGNAL_MESSAGE } from "../../shared/protocol/room-messages.ts";
import { roomProtocolSchemas } from "../support/json-schema.ts";
import { collectErrors, enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LIVEKIT = {
  LIVEKIT_URL: "ws://127.0.0.1:7880",
  LIVEKIT_API_KEY: "devkey",
  LIVEKIT_API_SECRET: "secret-for-the-voice-mode-tests-0123456789",
};
const OFFER = {
  type: "offer",
  sdp: "v=0\r\no=- 1 2 IN IP4 192.0.2.7\r\ns=-\r\nc=IN IP4 192.0.2.7\r\n",
} as const;

async function preview(server: TestServer, joinCode: string): Promise<ConsultationPreview> {
  const { status, body } = await server.post<ConsultationPreview>("/api/preview", { joinCode });
  expect(status).toBe(200);
  return body;
}

async function voiceToken(server: TestServer, join: JoinResponse): Promise<VoiceTokenResponse> {
  const response = await fetch(`${server.url}/api/voice-token`, {
    method: "POST",
    headers: { authorization: `Bearer ${join.sessionToken}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as VoiceTokenResponse;
}

/** Two people in one hall; `received` collects the signals the second one is handed. */
async function twoInTheHall(server: TestServer) {
  const consultation = await server.createConsultation();
  const aJoin = await server.join(consultation.joinCode, "Anouk");
  const bJoin = await server.join(consultation.joinCode, "Bram");
  const a = await enterHall(server.url, aJoin);
  const b = await enterHall(server.url, bJoin);
  const received: unknown[] = [];
  b.onMessage(SIGNAL_MESSAGE, (signal) => received.push(signal));
  await waitFor("both in the hall", () => a.state.participants.size === 2);
  return { consultation, aJoin, bJoin, a, b, received };
}

describe("VOICE_MODE=livekit at start-up", () => {
  it("refuses to start without a LiveKit server, naming the variable", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-voice-mode-"));
    try {
      const run = spawnSync(process.execPath, ["server/main.ts"], {
        cwd: ROOT,
        env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, VOICE_MODE: "livekit" },
        encoding: "utf8",
        timeout: 15_000,
      });
      expect(run.status).toBe(2);
      // The refusal is a log line (the server log writes to stdout).
      const said = `${run.stdout}${run.stderr}`;
      expect(said).toMatch(/VOICE_MODE/);
      expect(said).toMatch(/LIVEKIT_URL/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("voice required through LiveKit", () => {
  let server: TestServer;
  const rooms: HallRoom[] = [];

  beforeAll(async () => {
    // No LiveKit server runs here: the room's grants and revocations go nowhere (voice-enforcement tests them).
    server = await startTestServer(
      { ...LIVEKIT, VOICE_MODE: "livekit" },
      { voice: new MeshVoiceModeration() },
    );
  });

  afterAll(async () => {
    await Promise.all(rooms.map((room) => room.leave().catch(() => undefined)));
    await server?.stop();
  });

  it("tells the door that addresses stay with the voice server, and hands out LiveKit only", async () => {
    const hall = await twoInTheHall(server);
    rooms.push(hall.a, hall.b);
    expect((await preview(server, hall.consultation.joinCode)).privacy.voice).toBe("livekit");
    expect((await voiceToken(server, hall.aJoin)).mode).toBe("livekit");
  });

  it("relays no peer-to-peer signal, so that nobody learns another's address", async () => {
    const hall = await twoInTheHall(server);
    rooms.push(hall.a, hall.b);
    const errors = collectErrors(hall.a);
    hall.a.send("signal", { to: hall.bJoin.participantId, description: OFFER });
    hall.a.send("signal", {
      to: hall.bJoin.participantId,
      candidate: { candidate: "candidate:1 1 udp 2122260223 192.0.2.7 54321 typ host", sdpMid: "0" },
    });
    await waitFor("the refusals", () => errors.length === 2);
    expect(errors.map((error) => error.code)).toEqual(["voice_through_server", "voice_through_server"]);
    // The room is still there for everything else, and Bram was handed nothing.
    hall.a.send("raise_hand", {});
    await waitFor(
      "the raised hand",
      () => hall.b.state.participants.get(hall.aJoin.participantId)?.handRaised === true,
    );
    expect(hall.received).toEqual([]);
  });
});

describe("peer-to-peer voice (the default) and the privacy notice", () => {
  let server: TestServer;
  const rooms: HallRoom[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      PRIVACY_CONTROLLER: "City of Ghent",
      PRIVACY_CONTACT: "privacy@example.org",
      RETENTION_DAYS: "14",
    });
  });

  afterAll(async () => {
    await Promise.all(rooms.map((room) => room.leave().catch(() => undefined)));
    await server?.stop();
  });

  it("says at the door who is responsible, for how long data is kept, and that voice goes peer to peer", async () => {
    const hall = await twoInTheHall(server);
    rooms.push(hall.a, hall.b);
    expect((await preview(server, hall.consultation.joinCode)).privacy).toEqual({
      controller: "City of Ghent",
      contact: "privacy@example.org",
      retentionDays: 14,
      voice: "peer_to_peer",
    });
    expect((await voiceToken(server, hall.aJoin)).mode).toBe("mesh");
    // The signal the door warns about: relayed, with the sender's address in it.
    hall.a.send("signal", { to: hall.bJoin.participantId, description: OFFER });
    await waitFor("the relayed offer", () => hall.received.length === 1);
    expect(JSON.stringify(hall.received[0])).toContain("192.0.2.7");
    expect((await roomProtocolSchemas(server.url))("RelayedSignal")(hall.received[0])).toBe(true);
  });

  it("names nobody when the operator did not", async () => {
    const plain = await startTestServer();
    try {
      const consultation = await plain.createConsultation();
      const { privacy } = await preview(plain, consultation.joinCode);
      expect(privacy).toEqual({ retentionDays: 30, voice: "peer_to_peer" });
    } finally {
      await plain.stop();
    }
  });
});
