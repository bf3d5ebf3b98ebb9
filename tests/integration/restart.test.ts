import { describe, expect, it } from "vitest";
import type { CreateConsultationResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import { restartableServer } from "../support/restartable-server.ts";
import { enterHall, waitFor } from "../support/room-clients.ts";
import { startServerProcess } from "../support/server-process.ts";

const server = restartableServer("restart");

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
    const before = await first.post<JoinResponse>("/api/join", {
      joinCode: created.body.joinCode,
      displayName: "Els",
      color: "#008080",
      acceptCodeOfConduct: true,
    });
    expect(before.status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = await server.start();
    const citizen = await second.post<JoinResponse>("/api/join", {
      joinCode: created.body.joinCode,
      displayName: "Wim",
      color: "#800080",
      acceptCodeOfConduct: true,
    });
    expect(citizen.status).toBe(200);
    const facilitator = await second.post<JoinResponse>("/api/join", {
      facilitatorKey: created.body.facilitatorKey,
      displayName: "Fien",
      color: "#ff8800",
      acceptCodeOfConduct: true,
    });
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
