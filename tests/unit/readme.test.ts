import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES } from "../../server/config.ts";

const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

describe("README", () => {
  it("documents every configuration variable with its default", () => {
    for (const [name, fallback] of CONFIG_VARIABLES) {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${name}\``));
      expect(row, name).toBeDefined();
      expect(row?.replaceAll("`", ""), name).toContain(fallback);
    }
  });

  it("carries the start and test commands that CI runs", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm install && npm test");
    expect(readFileSync(path.resolve(import.meta.dirname, "../../.ci/run"), "utf8")).toMatch(
      /npm install[^\n]*\n\s*npm test/,
    );
  });
});
