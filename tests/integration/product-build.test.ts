/**
 * The product build carries no test code: a crafted `?test=1` link must not switch on the test hook,
 * the headset emulator, the benchmark crowd or test voice settings for whoever opens it. Reads the
 * builds `npm test` makes (`npm run build:all`).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_CLIENT_DIR } from "../support/test-client.ts";

const PRODUCT_DIR = path.resolve(import.meta.dirname, "../../dist/client");

/** What only test code contains: the hook's global, its installer, and the emulator and bench modules. */
const TEST_MARKERS = ["__plenum", "installTestHook", "installEmulatedHeadset", "startBenchCrowd"];

function builtText(dir: string): string {
  if (!existsSync(path.join(dir, "index.html")))
    throw new Error(`${dir} has no build: run \`npm run build:all\` first`);
  const assets = path.join(dir, "assets");
  return readdirSync(assets)
    .filter((name) => name.endsWith(".js") || name.endsWith(".html"))
    .map((name) => readFileSync(path.join(assets, name), "utf8"))
    .join("\n");
}

function markersIn(text: string): string[] {
  return TEST_MARKERS.filter((marker) => text.includes(marker));
}

describe("the product build", () => {
  it("contains none of the test code that the test build has", () => {
    // The test build is the control: it must hold every marker, or the product check proves nothing.
    expect(markersIn(builtText(TEST_CLIENT_DIR))).toEqual(TEST_MARKERS);
    expect(markersIn(builtText(PRODUCT_DIR))).toEqual([]);
  });

  it("ships no test-only chunk", () => {
    const chunks = readdirSync(path.join(PRODUCT_DIR, "assets"));
    expect(chunks.filter((name) => /test-hook|test-emulator|bench-crowd/.test(name))).toEqual([]);
    expect(
      readdirSync(path.join(TEST_CLIENT_DIR, "assets")).some((name) => name.startsWith("test-hook")),
    ).toBe(true);
  });
});
