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
