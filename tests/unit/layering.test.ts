import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sourceFiles(folder: string): string[] {
  const dir = path.join(ROOT, folder);
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(path.join(folder, entry));
    return /\.(ts|tsx)$/.test(entry) ? [path.join(folder, entry)] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((match) => {
    const target = match[1] ?? "";
    return target.startsWith(".")
      ? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), target))
      : target;
  });
}

const FORBIDDEN: Record<string, RegExp> = {
  shared: /^(server|client)\/|^(express|react|three|@react-three|node:)/,
  server: /^client\//,
  client: /^server\/|^node:/,
};

describe("layers", () => {
  for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
    it(`${layer}/ imports only what its layer may`, () => {
      const offending = sourceFiles(layer).flatMap((file) =>
        importsOf(file)
          .filter((target) => forbidden.test(target))
          .map((t) => `${file} -> ${t}`),
      );
      expect(offending).toEqual([]);
    });
  }
});
