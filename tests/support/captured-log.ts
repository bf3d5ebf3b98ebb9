/** A stream that keeps every log line written to it, for tests that read the server's log. */
import { Writable } from "node:stream";

export function capturedLog(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split("\n")
          .filter((line) => line !== ""),
      );
      done();
    },
  });
  return { lines, stream };
}

/** pino's level numbers: 40 is warn, 50 error, 60 fatal. */
const WARN = 40;

/** The lines at warn level or above, of those captured. */
export function warningsAndErrors(lines: readonly string[]): string[] {
  return lines.filter((line) => {
    try {
      return ((JSON.parse(line) as { level?: number }).level ?? 0) >= WARN;
    } catch {
      return true;
    }
  });
}
