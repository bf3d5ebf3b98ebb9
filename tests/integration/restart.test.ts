import { describe, expect, it } from "vitest";
import type { CreateConsultationResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import { restartableServer } from "../support/restartable-server.ts";
import { enterHall, waitFor } from "../support/room-clients.ts";
import { startServerProcess } from "../support/server-process.ts";
import type { PlenumApi } from "../support/test-server.ts";

const server = restartableServer("restart");

/** Asks `api` to let `displayName` in through `door` (a join code or a facilitator key), status and all. */
function join(api: PlenumApi, door: Record<string, string>, displayName: string) {
  return api.post<JoinResponse>("/api/join", {
    ...door,
    displayName,
    color: "#008080",
    acceptCodeOfConduct: true,
  });
}

describe("a Plenum process", () => {
  it("runs on Node 22 or newer, whatever the machine's own Node is", () => {
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(22);
  });

  it("keeps join codes, facilitator links and sessions across a restart", async () => {
    const first = await server.start();
    const created = await first.post<CreateConsultationResponse>("/api/consultations", {
      title: "Survives",
      language: "nl",
    });
    expect(created.status).toBe(201);
    const before = await join(first, { joinCode: created.body.joinCode }, "Els");
    expect(before.status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = await server.start();
    const citizen = await join(second, { joinCode: created.body.joinCode }, "Wim");
    expect(citizen.status).toBe(200);
    const facilitator = await join(second, { facilitatorKey: created.body.facilitatorKey }, "Fien");
    expect(facilitator.body.role).toBe("facilitator");
    // A token issued before the restart still opens the room: the signing secret was kept.
    const room = await enterHall(second.url, before.body);
    await waitFor(
      "Els in the hall",
      () => room.state.participants?.get(before.body.participantId)?.name === "Els",
    );
    expect(room.state.consultation.title).toBe("Survives");
    await room.leave();
  });

  it("refuses to start with a bad configuration value and names the variable", async () => {
    await expect(
      startServerProcess({ DATA_DIR: server.dataDir, PORT: "not-a-port" }, 10_000),
    ).rejects.toThrow(/PORT/);
  });
});
