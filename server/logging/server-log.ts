/**
 * Where the server's log lines go: pino (a maintained, fast JSON logger) writes one JSON object a
 * line, or readable lines through pino-pretty with `LOG_FORMAT=pretty`. Lines carry the request or
 * command id of the context they were written in. The level and format are chosen at start-up; until
 * then (a configuration error) the defaults apply.
 */
import { type DestinationStream, type Logger, pino } from "pino";
import pretty from "pino-pretty";
import type { LogFormat, LogLevel } from "../config.ts";
import { currentLogContext } from "./log-context.ts";

export interface LogSettings {
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
}

function createLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  const options = { level: settings.logLevel, mixin: () => ({ ...currentLogContext() }) };
  if (settings.logFormat === "pretty")
    return pino(
      options,
      pretty({ colorize: destination === undefined && process.stdout.isTTY, destination: destination ?? 1 }),
    );
  return destination ? pino(options, destination) : pino(options);
}

let current = createLogger({ logLevel: "info", logFormat: "json" });

/** The logger as configured now, for the request log. */
export function currentLogger(): Logger {
  return current;
}

/** Chooses the level and format; `destination` replaces standard output (tests read the lines). */
export function configureLog(settings: LogSettings, destination?: DestinationStream): void {
  current = createLogger(settings, destination);
}

/** A console-style call as pino wants it: the texts become the message, an error its `err` field. */
function entry(args: readonly unknown[]): [Record<string, unknown>, string] {
  const texts: string[] = [];
  const fields: Record<string, unknown> = {};
  for (const arg of args) {
    if (arg instanceof Error) fields.err = arg;
    else if (typeof arg === "object" && arg !== null) fields.detail = arg;
    else if (arg !== undefined) texts.push(String(arg));
  }
  return [fields, texts.join(" ")];
}

type Level = "error" | "warn" | "info" | "debug" | "trace";

/** Builds the line only when its level is written: a trace call sits on the path of every pose. */
function writer(level: Level): (...args: unknown[]) => void {
  return (...args) => {
    if (current.isLevelEnabled(level)) current[level](...entry(args));
  };
}

/** The sink behind the server's rate-limited log (server/logging/rate-limited-log.ts). */
export const pinoSink: Readonly<Record<Level, (...args: unknown[]) => void>> = {
  error: writer("error"),
  warn: writer("warn"),
  info: writer("info"),
  debug: writer("debug"),
  trace: writer("trace"),
};

/**
 * Secrets and codes travel in some page paths (`/f/<facilitator key>`, `/j/<join code>`) and anything
 * may be in a query: neither is written.
 */
export function loggedPath(url: string | undefined): string {
  const path = (url ?? "").split("?", 1)[0] ?? "";
  return path.replace(/^\/(f|j)\/[^/]+/, "/$1/…");
}
