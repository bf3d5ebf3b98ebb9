/**
 * Logging that a misbehaving client cannot turn into a flood: each kind of message (the start of its
 * first line, numbers blanked out) may be written a few times, then at a slow steady rate, and all
 * kinds together share a budget too; the rest are counted, and the count is told with the next
 * message of that kind that gets through.
 */
import { TokenBucket } from "../rooms/token-bucket.ts";
import { pinoSink } from "./server-log.ts";

type Write = (...args: unknown[]) => void;

export interface LogSink {
  error: Write;
  warn: Write;
  info: Write;
  debug: Write;
}

/** The shape Colyseus expects from `defineServer({ logger })`, and what the server logs through. */
export interface ServerLogger extends LogSink {
  trace: Write;
}

type TracingSink = LogSink & { trace?: Write };

export interface RateLimitOptions {
  /** Messages of one kind written at once before the limit starts. */
  readonly burst?: number;
  /** Messages of one kind written per minute once the burst is spent. */
  readonly perMinute?: number;
  /** Kinds tracked separately; past this, new kinds share one budget (a flood of distinct messages). */
  readonly maxKinds?: number;
  /** Messages of all kinds together: a burst, then per minute. */
  readonly totalBurst?: number;
  readonly totalPerMinute?: number;
  readonly now?: () => number;
  readonly sink?: TracingSink;
}

const OTHER_KINDS = "(other)";

/** Enough of a first line to tell kinds apart, short enough that quoted client input rarely splits them. */
const KIND_LENGTH = 48;

/** The kind of a message: the start of the first line of its first argument, numbers blanked. */
export function messageKind(args: readonly unknown[]): string {
  const first = args[0];
  const text = first instanceof Error ? `${first.name}: ${first.message}` : String(first);
  return (text.split("\n", 1)[0] ?? "").slice(0, KIND_LENGTH).replace(/\d+/g, "#");
}

export function rateLimitedLogger(options: RateLimitOptions = {}): ServerLogger {
  const { burst = 5, perMinute = 6, maxKinds = 200, now = Date.now, sink = pinoSink } = options;
  const { totalBurst = 30, totalPerMinute = 30 } = options;
  const kinds = new Map<string, { bucket: TokenBucket; suppressed: number }>();
  const total = new TokenBucket(totalBurst, totalPerMinute / 60, now());

  function limited(write: Write): Write {
    return (...args) => {
      let kind = messageKind(args);
      if (!kinds.has(kind) && kinds.size >= maxKinds) kind = OTHER_KINDS;
      let entry = kinds.get(kind);
      if (!entry) {
        entry = { bucket: new TokenBucket(burst, perMinute / 60, now()), suppressed: 0 };
        kinds.set(kind, entry);
      }
      if (!entry.bucket.take(now()) || !total.take(now())) {
        entry.suppressed++;
        return;
      }
      if (entry.suppressed > 0) {
        write(...args, `(${entry.suppressed} similar messages were suppressed)`);
        entry.suppressed = 0;
        return;
      }
      write(...args);
    };
  }

  return {
    error: limited((...args) => sink.error(...args)),
    warn: limited((...args) => sink.warn(...args)),
    info: (...args) => sink.info(...args),
    debug: (...args) => sink.debug(...args),
    trace: (...args) => (sink.trace ?? sink.debug)(...args),
  };
}

/** The server's log: errors and warnings rate-limited by kind, everything else as it comes. */
export const serverLog: ServerLogger = rateLimitedLogger();
