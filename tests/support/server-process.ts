/** Runs Plenum as `npm start` does (a separate Node process), for tests about restarts and start-up. */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { TEST_CLIENT_DIR } from "./test-client.ts";

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Sends SIGTERM and resolves with the exit code once the process is gone. */
  stop(): Promise<number | null>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

export function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 15_000,
  args: readonly string[] = [],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["server/main.ts", ...args], {
    cwd: ROOT,
    // Suites create many consultations from one address; the limit has its own test.
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      CLIENT_DIR: TEST_CLIENT_DIR,
      CREATE_RATE_LIMIT: "100000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (https?):\/\/\S+?:(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: `${match[1]}://127.0.0.1:${match[2]}`,
        child,
        async stop() {
          child.kill("SIGTERM");
          const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
          const code = await exited;
          clearTimeout(killer);
          return code;
        },
      });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it started:\n${output}`));
    });
  });
}
