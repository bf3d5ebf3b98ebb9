import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CreateConsultationResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import { enterHall, waitFor } from "../support/room-clients.ts";
import { startServerProcess } from "../support/server-process.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-restart-"));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function post<T>(url: string, route: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe("a Plenum process", () => {
  it("runs on Node 22 or newer, whatever the machine's own Node is", () => {
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(22);
  });

  it("keeps join codes, facilitator links and sessions across a restart", async () => {
    const first = await startServerProcess({ DATA_DIR: dataDir });
    const created = await post<CreateConsultationResponse>(first.url, "/api/consultations", {
      title: "Survives",
      language: "nl",
    });
    expect(created.status).toBe(201);
    const before = await post<JoinResponse>(first.url, "/api/join", {
      joinCode: created.body.joinCode,
      displayName: "Els",
      color: "#008080",
      acceptCodeOfConduct: true,
    });
    expect(before.status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = await startServerProcess({ DATA_DIR: dataDir });
    try {
      const citizen = await post<JoinResponse>(second.url, "/api/join", {
        joinCode: created.body.joinCode,
        displayName: "Wim",
        color: "#800080",
        acceptCodeOfConduct: true,
      });
      expect(citizen.status).toBe(200);
      const facilitator = await post<JoinResponse>(second.url, "/api/join", {
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
    } finally {
      await second.stop();
    }
  });

  it("refuses to start with a bad configuration value and names the variable", async () => {
    await expect(startServerProcess({ DATA_DIR: dataDir, PORT: "not-a-port" }, 10_000)).rejects.toThrow(
      /PORT/,
    );
  });
});
