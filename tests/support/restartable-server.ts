/**
 * Plenum as a separate process on a data folder of its own, for tests about what survives a restart:
 * start it, stop it with SIGTERM or kill it with SIGKILL, and start it again on the same folder. A
 * process a test leaves running is stopped after that test; the folder is removed after the file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach } from "vitest";
import { type ServerProcess, startServerProcess } from "./server-process.ts";
import { type PlenumApi, plenumApi } from "./test-server.ts";

export interface RunningProcess extends ServerProcess, PlenumApi {
  /** Sends SIGKILL at once (nothing gets a chance to be flushed) and resolves once the process is gone. */
  kill(): Promise<void>;
}

export interface RestartableServer {
  readonly dataDir: string;
  /** Starts a process on the data folder, with `env` added to its environment, once it serves. */
  start(env?: Record<string, string>): Promise<RunningProcess>;
}

/** `name` goes into the temporary data folder's name. */
export function restartableServer(name: string): RestartableServer {
  const dataDir = mkdtempSync(path.join(tmpdir(), `plenum-${name}-`));
  const running = new Set<ServerProcess>();

  afterEach(async () => {
    await Promise.all([...running].map((left) => left.stop()));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    dataDir,
    async start(env = {}) {
      const started = await startServerProcess({ DATA_DIR: dataDir, ...env });
      const { child } = started;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      running.add(started);
      void gone.then(() => running.delete(started));
      return {
        ...started,
        ...plenumApi(started.url),
        kill() {
          child.kill("SIGKILL");
          return gone;
        },
      };
    },
  };
}
