/**
 * The benchmark's bots in a process of their own, between the benchmark and its bot worker threads.
 * A process of their own can run wholly in the idle scheduling class (`chrt --idle`), the engine's
 * garbage-collection threads included: it then gets only the CPU time the server leaves unused, the
 * nearest this machine comes to bots on other people's devices. Lowering the worker threads' own
 * priority alone still let those helper threads, and the bots' time slices, land in the middle of a
 * patch.
 */
import { Worker } from "node:worker_threads";
import type { BotWorkerData, WorkerCommand, WorkerReply } from "./bot-worker.ts";

export type HostCommand =
  | { type: "spawn"; workers: BotWorkerData[] }
  | { type: "command"; command: WorkerCommand };
export interface HostReply {
  readonly worker: number;
  readonly reply: WorkerReply;
}

function reply(message: HostReply): void {
  process.send?.(message);
}

const workers: Worker[] = [];

process.on("message", (message: HostCommand) => {
  if (message.type === "spawn") {
    message.workers.forEach((workerData, index) => {
      const worker = new Worker(new URL("./bot-worker.ts", import.meta.url), { workerData });
      worker.on("message", (workerReply: WorkerReply) => reply({ worker: index, reply: workerReply }));
      worker.on("error", (error) =>
        reply({ worker: index, reply: { type: "failed", message: String(error) } }),
      );
      workers.push(worker);
    });
    const exited = workers.map((worker) => new Promise((resolve) => worker.once("exit", resolve)));
    // Once every bot has left, the host goes too.
    void Promise.all(exited).then(() => process.disconnect());
  } else {
    for (const worker of workers) worker.postMessage(message.command);
  }
});
