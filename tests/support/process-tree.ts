/** Reading the machine's process tree from /proc (Linux), for tests that adjust the processes they start. */
import { readdirSync, readFileSync } from "node:fs";

export function commandLine(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

export function parentOf(pid: string): string | null {
  try {
    // The command name in field 2 may hold spaces; the parent id is the second field after it.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] ?? null;
  } catch {
    return null;
  }
}

/** Every process started, directly or not, by `ancestor`. */
export function descendantsOf(ancestor: string): string[] {
  return readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    for (let parent = parentOf(pid); parent && parent !== "0"; parent = parentOf(parent)) {
      if (parent === ancestor) return true;
    }
    return false;
  });
}

/** The threads of a process (each has its own nice value on Linux). */
export function threadsOf(pid: string): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}
