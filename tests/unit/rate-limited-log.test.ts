import { describe, expect, it } from "vitest";
import { messageKind, rateLimitedLogger } from "../../server/logging/rate-limited-log.ts";

function recordingSink() {
  const lines: { level: string; args: unknown[] }[] = [];
  const write =
    (level: string) =>
    (...args: unknown[]) =>
      lines.push({ level, args });
  return {
    lines,
    sink: { error: write("error"), warn: write("warn"), info: write("info"), debug: write("debug") },
  };
}

describe("rate-limited log", () => {
  it("writes a burst of one kind, then counts the rest and tells the count with the next one through", () => {
    let clock = 0;
    const { lines, sink } = recordingSink();
    const log = rateLimitedLogger({ burst: 3, perMinute: 6, now: () => clock, sink });
    for (let i = 0; i < 1000; i++) log.error(new Error(`bad frame at offset ${i}`));
    expect(lines).toHaveLength(3);
    clock += 10_000;
    log.error(new Error("bad frame at offset 7"));
    expect(lines).toHaveLength(4);
    expect(lines[3]?.args.at(-1)).toBe("(997 similar messages were suppressed)");
    log.error(new Error("bad frame at offset 8"));
    expect(lines).toHaveLength(4);
  });

  it("keeps separate budgets for different kinds, so a flood of one does not hide another", () => {
    const { lines, sink } = recordingSink();
    const log = rateLimitedLogger({ burst: 2, now: () => 0, sink });
    for (let i = 0; i < 100; i++) log.error('Unexpected error while handling "pose":', i);
    log.error("Voice enforcement failed for p1:", "timeout");
    log.warn("Store is slow");
    expect(lines.map((line) => line.level)).toEqual(["error", "error", "error", "warn"]);
    expect(lines[2]?.args[0]).toBe("Voice enforcement failed for p1:");
  });

  it("bounds its memory: past the kind limit, new kinds share one budget", () => {
    const { lines, sink } = recordingSink();
    const log = rateLimitedLogger({ burst: 1, maxKinds: 10, now: () => 0, sink });
    for (let i = 0; i < 10_000; i++)
      log.error(`distinct message ${"x".repeat(i % 500)} ${String.fromCharCode(65 + (i % 26))}${i}`);
    expect(lines.length).toBeLessThanOrEqual(11);
  });

  it("caps all kinds together", () => {
    const { lines, sink } = recordingSink();
    const log = rateLimitedLogger({ burst: 5, totalBurst: 12, now: () => 0, sink });
    for (let i = 0; i < 100; i++) log.error(`${String.fromCharCode(65 + (i % 26))} went wrong`);
    expect(lines).toHaveLength(12);
  });

  it("passes information and debug lines through unchanged", () => {
    const { lines, sink } = recordingSink();
    const log = rateLimitedLogger({ burst: 1, now: () => 0, sink });
    for (let i = 0; i < 5; i++) log.info("listening");
    expect(lines).toHaveLength(5);
  });

  it("groups messages by their first line with numbers blanked", () => {
    expect(messageKind([new SyntaxError("Unexpected token 0x12 at 345\n    at unpack")])).toBe(
      "SyntaxError: Unexpected token #x# at #",
    );
    expect(messageKind([new Error('Data read, but end of buffer not reached {"text":"a"}')])).toBe(
      messageKind([new Error("Data read, but end of buffer not reached 43")]),
    );
    expect(messageKind(["line one\nline two"])).toBe("line one");
  });
});
