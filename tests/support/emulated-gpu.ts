/**
 * Headless Chromium has no graphics card here: SwiftShader emulates one on the CPU, in the browser's
 * GPU process, whose main thread Chromium raises above normal priority (nice -8). Presenting a WebGL
 * canvas keeps that process busy on whatever CPU is free (about 1.8 of this machine's 2 cores for one
 * small hall page, at any frame rate), so it starves what a real device runs beside a real graphics
 * card: the page's network and audio threads, the room server, the LiveKit server, the other pages.
 * Every test browser therefore moves its emulated graphics card into the idle scheduling class, where
 * it draws with the CPU time everything else leaves unused.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { commandLine, parentOf } from "./process-tree.ts";

const GPU_PROCESS = "--type=gpu-process";
const FIND_TIMEOUT_MS = 10_000;

/** The GPU processes of the browser that runs with this profile (a browser has its own, under a zygote). */
function gpuProcessesOf(profile: string): string[] {
  const marker = `--user-data-dir=${profile}`;
  return readdirSync("/proc")
    .filter((pid) => /^\d+$/.test(pid) && commandLine(pid).includes(GPU_PROCESS))
    .filter((pid) => {
      let ancestor = parentOf(pid);
      for (let depth = 0; ancestor && ancestor !== "0" && depth < 4; depth++) {
        if (commandLine(ancestor).includes(marker)) return true;
        ancestor = parentOf(ancestor);
      }
      return false;
    });
}

/**
 * Puts every thread of the emulated graphics card of the browser using `profile` into the idle
 * scheduling class. Threads it starts later inherit the class.
 */
export async function idleEmulatedGpu(profile: string): Promise<void> {
  const started = performance.now();
  let found = gpuProcessesOf(profile);
  while (found.length === 0 && performance.now() - started < FIND_TIMEOUT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    found = gpuProcessesOf(profile);
  }
  if (found.length === 0) throw new Error(`No GPU process found for the browser profile ${profile}`);
  for (const pid of found) execFileSync("chrt", ["--idle", "--all-tasks", "--pid", "0", pid]);
}
