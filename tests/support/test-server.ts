/** Starts a real Plenum process in this test worker: a free port on 127.0.0.1 and a fresh data folder. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningPlenum, type StartOptions, startPlenum } from "../../server/app.ts";
import { readConfig } from "../../server/config.ts";
import type { CreateConsultationResponse, JoinResponse } from "../../shared/protocol/http-api.ts";
import { TEST_CLIENT_DIR } from "./test-client.ts";

/** The HTTP calls tests make against a running Plenum, in-process or a separate process. */
export interface PlenumApi {
  post<T = unknown>(route: string, body: unknown): Promise<{ status: number; body: T }>;
  createConsultation(title?: string): Promise<CreateConsultationResponse>;
  join(joinCode: string, displayName: string, extra?: Record<string, unknown>): Promise<JoinResponse>;
  /** Joins through the facilitator link, as the facilitator. */
  joinAsFacilitator(facilitatorKey: string, displayName: string): Promise<JoinResponse>;
}

export interface TestServer extends RunningPlenum, PlenumApi {
  readonly dataDir: string;
  stop(): Promise<void>;
}

export function plenumApi(url: string): PlenumApi {
  async function post<T>(route: string, body: unknown) {
    const response = await fetch(`${url}${route}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }
  return {
    post,
    async createConsultation(title = "Riverside park") {
      const { status, body } = await post<CreateConsultationResponse>("/api/consultations", {
        title,
        language: "en",
      });
      if (status !== 201) throw new Error(`create failed: ${status} ${JSON.stringify(body)}`);
      return body;
    },
    join: (joinCode, displayName, extra = {}) => enter({ joinCode, ...extra }, displayName),
    joinAsFacilitator: (facilitatorKey, displayName) => enter({ facilitatorKey }, displayName),
  };

  async function enter(door: Record<string, unknown>, displayName: string): Promise<JoinResponse> {
    const { status, body } = await post<JoinResponse>("/api/join", {
      displayName,
      color: "#3366cc",
      acceptCodeOfConduct: true,
      ...door,
    });
    if (status !== 200) throw new Error(`join failed: ${status} ${JSON.stringify(body)}`);
    return body;
  }
}

export async function startTestServer(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-test-"));
  // Suites join many people and create many consultations from one address; the limits have their own tests.
  const config = readConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    CLIENT_DIR: TEST_CLIENT_DIR,
    DOOR_RATE_LIMIT: "100000",
    CREATE_RATE_LIMIT: "100000",
    SLIDE_RATE_LIMIT: "100000",
    ...env,
  });
  const plenum = await startPlenum(config, options);
  const url = `http://127.0.0.1:${plenum.port}`;
  return {
    ...plenum,
    ...plenumApi(url),
    url,
    dataDir,
    async stop() {
      await plenum.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
