/**
 * The request or command a log line belongs to. Each HTTP request and each room message runs inside its
 * own context, so that every line written while handling it (by Plenum or by a library through the
 * server's log) carries its id without the id being passed down by hand.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface LogContext {
  readonly requestId?: string;
  readonly commandId?: string;
  /** The room message's type: one of the protocol's fixed names, or "other". */
  readonly command?: string;
}

const context = new AsyncLocalStorage<LogContext>();
let commands = 0;

export function currentLogContext(): LogContext {
  return context.getStore() ?? {};
}

export function withLogContext<T>(ids: LogContext, run: () => T): T {
  return context.run(ids, run);
}

/** A process-unique id for one room message: cheap enough for every pose. */
export function nextCommandId(): string {
  commands += 1;
  return `c${commands.toString(36)}`;
}
