/** The room tells voice enforcement whenever someone's right to speak changes (here recorded instead of LiveKit). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlenum, startPlenum } from "../../server/app.ts";
import { readConfig } from "../../server/config.ts";
import type { CreateConsultationResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import { recordedVoice } from "../support/recorded-voice.ts";
import { enterHall, waitFor } from "../support/room-clients.ts";

const { calls, voice: recording } = recordedVoice();

const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-voice-"));
let plenum: RunningPlenum;
let url = "";

beforeAll(async () => {
  plenum = await startPlenum(readConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir }), {
    voice: recording,
  });
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

describe("voice enforcement", () => {
  it("follows joins, the floor, facilitator mutes, modes and removal", async () => {
    const created = await post<CreateConsultationResponse>("/api/consultations", {
      title: "Voice",
      language: "en",
    });
    const lead = await post<JoinResponse>("/api/join", {
      facilitatorKey: created.facilitatorKey,
      displayName: "Lead",
      color: "#112233",
      acceptCodeOfConduct: true,
    });
    const citizen = await post<JoinResponse>("/api/join", {
      joinCode: created.joinCode,
      displayName: "Cit",
      color: "#112233",
      acceptCodeOfConduct: true,
    });
    const f = await enterHall(url, lead);
    const c = await enterHall(url, citizen);
    const id = citizen.participantId;
    const state = () => f.state.participants.get(id);
    await waitFor("the citizen's verdict on joining", () => calls.includes(`${id}:silent`));
    expect(calls).toContain(`${lead.participantId}:speak`);

    const expectNext = async (what: string, send: () => void, call: string) => {
      calls.length = 0;
      send();
      await waitFor(what, () => calls.includes(call));
    };
    await expectNext("floor given", () => f.send("give_floor", { participantId: id }), `${id}:speak`);
    await expectNext("floor taken", () => f.send("take_floor", {}), `${id}:silent`);
    await expectNext("open mode", () => f.send("set_mode", { mode: "open" }), `${id}:speak`);
    await expectNext(
      "facilitator mute",
      () => f.send("mute_participant", { participantId: id }),
      `${id}:silent`,
    );
    await expectNext("mute lifted", () => f.send("unmute_participant", { participantId: id }), `${id}:speak`);
    await waitFor("the verdict in the state", () => state()?.canSpeak === true);
    await expectNext(
      "removed",
      () => f.send("remove_participant", { participantId: id, reason: "test" }),
      `${id}:removed`,
    );
    await waitFor("the removed participant's connection to close", () => !c.connection.isOpen);
    await f.leave();
  });
});
