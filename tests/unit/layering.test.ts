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

/** The first import cycle found among `files` (type-only imports count), as the chain of files. */
function firstCycle(files: string[]): string[] | undefined {
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, importsOf(file).filter((target) => known.has(target))]));
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const at = path.indexOf(file);
    if (at >= 0) return [...path.slice(at), file];
    if (done.has(file)) return undefined;
    path.push(file);
    for (const target of edges.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(file);
    return undefined;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("imports", () => {
  it("form no cycle, type-only imports included", () => {
    const files = ["shared", "server", "client"].flatMap(sourceFiles);
    expect(firstCycle(files)).toBeUndefined();
  });
});

describe("the room's modules", () => {
  it("stay small enough to read in one sitting (at most 350 lines each)", () => {
    const long = sourceFiles("server/rooms")
      .map((file) => ({ file, lines: readFileSync(path.join(ROOT, file), "utf8").split("\n").length }))
      .filter(({ lines }) => lines > 350);
    expect(long).toEqual([]);
  });
});
