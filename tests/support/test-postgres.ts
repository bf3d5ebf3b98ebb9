/**
 * A throwaway PostgreSQL cluster for integration tests: `initdb` in a temporary folder, the server on
 * a free port on 127.0.0.1 (as the `postgres` user when running as root), stopped by its PID.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port.ts";

export interface TestPostgres {
  readonly url: string;
  /**
   * `pg_ctl restart -m fast`, as a managed database does for maintenance: every connection is cut.
   * Resolves once the server accepts connections again. Like `pause` and `resume`, it waits without
   * blocking: the test's own clients go on acting meanwhile, as people's browsers do.
   */
  restart(): Promise<void>;
  /** Stops the server (fast shutdown) and keeps its data, for `resume` to bring it back on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** Folder with `initdb` and `pg_ctl`: Debian's versioned folder, else whatever is on PATH. */
function binDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = path.join(root, version, "bin");
      if (existsSync(path.join(dir, "initdb"))) return dir;
    }
  }
  const found = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  return found.status === 0 ? path.dirname(found.stdout.trim()) : undefined;
}

/** What `pg_dump` writes for the database at `url`: a backup as an operator would take it. */
export function pgDump(url: string): string {
  const bin = binDir();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install -y postgresql)");
  return execFileSync(path.join(bin, "pg_dump"), ["--dbname", url], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
}

export function postgresAvailable(): boolean {
  return binDir() !== undefined;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = binDir();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install -y postgresql)");
  const root = mkdtempSync(path.join(tmpdir(), "plenum-pg-"));
  const data = path.join(root, "data");
  const asRoot = process.getuid?.() === 0;
  /** The command line that runs `command` as the `postgres` user when running as root. */
  const asPostgres = (command: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  const run = (command: string, args: string[]) =>
    execFileSync(...asPostgres(command, args), { stdio: "pipe" });
  if (asRoot) {
    const ids = execFileSync("id", ["-u", "postgres"]).toString().trim();
    const gid = execFileSync("id", ["-g", "postgres"]).toString().trim();
    chownSync(root, Number(ids), Number(gid));
    chmodSync(root, 0o700);
  }
  run(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  const pgCtlArgs = (args: string[]) => [
    "-D",
    data,
    "-w",
    "-l",
    path.join(root, "log"),
    "-o",
    `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`,
    ...args,
  ];
  const pgCtlPath = path.join(bin, "pg_ctl");
  run(pgCtlPath, pgCtlArgs(["start"]));
  // Not execFileSync: that froze the test's whole process (its clients, its bots) for as long as the
  // restart took, and then released every client's pending action at once, a burst no real crowd makes.
  const pgCtl = async (...args: string[]) => {
    await promisify(execFile)(...asPostgres(pgCtlPath, pgCtlArgs(args)));
  };
  const postmasterPid = () => Number(readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  let pid = postmasterPid();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart() {
      await pgCtl("restart", "-m", "fast");
      pid = postmasterPid();
    },
    async pause() {
      await pgCtl("stop", "-m", "fast");
    },
    async resume() {
      await pgCtl("start");
      pid = postmasterPid();
    },
    async stop() {
      try {
        process.kill(pid, "SIGINT");
      } catch {
        // already gone
      }
      const started = Date.now();
      while (Date.now() - started < 10_000) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
