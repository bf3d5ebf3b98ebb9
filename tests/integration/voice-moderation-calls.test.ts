/**
 * Voice moderation costs what changed, not the size of the hall: a real server, real SDK clients
 * filling a hall, and the real LiveKit moderation whose calls to LiveKit's RoomService are counted
 * (nothing listens for them: the count is the point). Telling LiveKit about everyone on every join
 * made a filling hall O(N²) calls.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlenum, startPlenum } from "../../server/app.ts";
import { readConfig } from "../../server/config.ts";
import { type LiveKitRoomService, LiveKitVoiceModeration } from "../../server/voice/voice-moderation.ts";
import { enterHall, type HallRoom, waitFor } from "../support/room-clients.ts";
import { type PlenumApi, plenumApi } from "../support/test-server.ts";

/** Citizens who come in after the facilitator. */
const JOINERS = 40;

/** `updateParticipant` calls LiveKit received, per participant, with the last permission given. */
const calls = new Map<string, boolean[]>();
const liveKit = {
  async updateParticipant(
    _room: string,
    identity: string,
    options: { permission?: { canPublish?: boolean } },
  ) {
    calls.set(identity, [...(calls.get(identity) ?? []), options.permission?.canPublish === true]);
    return {};
  },
  async removeParticipant() {},
} as unknown as LiveKitRoomService;
const total = () => [...calls.values()].reduce((sum, each) => sum + each.length, 0);

const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-voice-calls-"));
let plenum: RunningPlenum;
let api: PlenumApi;
const rooms: HallRoom[] = [];

beforeAll(async () => {
  const config = readConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, DOOR_RATE_LIMIT: "100000" });
  plenum = await startPlenum(config, { voice: new LiveKitVoiceModeration(liveKit) });
  api = plenumApi(`http://127.0.0.1:${plenum.port}`);
});

afterAll(async () => {
  await Promise.all(rooms.map((room) => room.leave(true).catch(() => undefined)));
  await plenum.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("voice moderation while a hall fills", () => {
  it("calls LiveKit once per person who joins, and once more only for whoever's right changed", async () => {
    const url = `http://127.0.0.1:${plenum.port}`;
    const consultation = await api.createConsultation("A full hall");
    const leadJoin = await api.joinAsFacilitator(consultation.facilitatorKey, "Lead");
    const lead = await enterHall(url, leadJoin);
    rooms.push(lead);
    const citizens: string[] = [];
    for (let i = 0; i < JOINERS; i++) {
      const join = await api.join(consultation.joinCode, `Citizen ${i}`);
      citizens.push(join.participantId);
      rooms.push(await enterHall(url, join));
    }
    await waitFor("everyone in the hall", () => lead.state.participants.size === JOINERS + 1, 10_000);
    await waitFor("LiveKit told about the last one", () => calls.has(citizens.at(-1) ?? ""), 5000);

    // Each participant once, with their own right: the facilitator speaks, citizens wait for the floor.
    // Telling everyone on each join would be 1 + 2 + ... + 41 = 861 calls.
    expect(total()).toBe(JOINERS + 1);
    expect(calls.get(leadJoin.participantId)).toEqual([true]);
    for (const id of citizens) expect(calls.get(id), id).toEqual([false]);

    // Giving the floor changes one person's right: one call, not one per person in the hall.
    const speaker = citizens[7] ?? "";
    lead.send("give_floor", { participantId: speaker });
    await waitFor("the floor given", () => (calls.get(speaker)?.length ?? 0) === 2, 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(total()).toBe(JOINERS + 2);
    expect(calls.get(speaker)).toEqual([false, true]);
  }, 60_000);
});
