/**
 * A real LiveKit server on loopback for the voice tests, built by scripts/ensure-livekit-server.sh.
 * Started with a loopback-only configuration and stopped by its PID; given a webhook address, it posts
 * its events there (participant_joined and the rest), signed with its key, as a production one would.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const LIVEKIT_BINARY = path.resolve(import.meta.dirname, "../../.tools/livekit-server-v1.13.5");

const CONFIG = `port: 7880
bind_addresses: ["127.0.0.1"]
keys: { devkey: secret }
rtc:
  tcp_port: 7881
  udp_port: 7882
  node_ip: 127.0.0.1
  use_external_ip: false
  enable_loopback_candidate: true
  ips: { includes: ["127.0.0.1/32"] }
room: { enable_remote_unmute: true }
logging: { level: warn }
`;

export interface LiveKitServer {
  readonly url: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
  /** Kills it outright (SIGKILL), as a crash or an out-of-memory kill would. */
  kill(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export interface LiveKitOptions {
  /** Where LiveKit posts its webhooks, e.g. a test Plenum's /api/livekit-webhook. */
  readonly webhookUrl?: string;
  readonly timeoutMs?: number;
}

export async function startLiveKitServer({
  webhookUrl,
  timeoutMs = 20_000,
}: LiveKitOptions = {}): Promise<LiveKitServer> {
  if (!existsSync(LIVEKIT_BINARY)) {
    throw new Error(`${LIVEKIT_BINARY} is missing: run scripts/ensure-livekit-server.sh (npm test does).`);
  }
  if (await portOpen(7880)) throw new Error("Something already listens on 127.0.0.1:7880.");
  const folder = mkdtempSync(path.join(tmpdir(), "plenum-livekit-"));
  const config = path.join(folder, "livekit.yaml");
  const webhook = webhookUrl ? `webhook: { api_key: devkey, urls: [${JSON.stringify(webhookUrl)}] }\n` : "";
  writeFileSync(config, CONFIG + webhook);
  const child = spawn(LIVEKIT_BINARY, ["--config", config, "--dev"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(folder, { recursive: true, force: true });
  };
  const stop = () => end("SIGTERM");
  const deadline = Date.now() + timeoutMs;
  while (!(await portOpen(7880))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`LiveKit server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: "ws://127.0.0.1:7880",
    apiKey: "devkey",
    apiSecret: "secret",
    child,
    stop,
    kill: () => end("SIGKILL"),
  };
}
