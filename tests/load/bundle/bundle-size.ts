/**
 * `npm run bench:bundle`: what the join page downloads before anyone enters the hall, from the built
 * client in dist/client. Starts at index.html, follows its module script, module preloads, style
 * sheets, every static import between chunks and every url() in the style sheets, and gzips each
 * file (node:zlib, level 9, as a server or CDN would). Code that loads on demand (the hall, XR, 3D UI,
 * voice, pdf.js) is listed apart. Run `vite build` first.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/** The join page's budget, gzipped. */
export const JOIN_PAGE_BUDGET_BYTES = 800 * 1024;

const DIST = path.resolve(import.meta.dirname, "../../../dist/client");
const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g;
const HTML_ASSET = /<(?:script[^>]*\bsrc|link[^>]*\bhref)="\/([^"]+)"/g;
const CSS_URL = /url\(\s*["']?\/?([^"')]+)["']?\s*\)/g;

function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

function initialFiles(): string[] {
  const html = readFileSync(path.join(DIST, "index.html"), "utf8");
  const queue = [...html.matchAll(HTML_ASSET)].map((match) => match[1] as string);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file) || !existsSync(path.join(DIST, file))) continue;
    seen.add(file);
    const text =
      file.endsWith(".js") || file.endsWith(".css") ? readFileSync(path.join(DIST, file), "utf8") : "";
    if (file.endsWith(".js")) {
      for (const match of text.matchAll(STATIC_IMPORT)) {
        queue.push(path.posix.join(path.posix.dirname(file), match[1] as string));
      }
    } else if (file.endsWith(".css")) {
      for (const match of text.matchAll(CSS_URL)) {
        const url = match[1] as string;
        if (!url.startsWith("data:")) queue.push(path.posix.join(path.posix.dirname(file), url));
      }
    }
  }
  return [...seen];
}

if (!existsSync(path.join(DIST, "index.html"))) {
  console.error("bench:bundle: no dist/client/index.html; run `vite build` first.");
  process.exit(2);
}
const initial = initialFiles();
const rows = [
  { file: "index.html", bytes: gzipSize(path.join(DIST, "index.html")) },
  ...initial.map((file) => ({ file, bytes: gzipSize(path.join(DIST, file)) })),
].sort((a, b) => b.bytes - a.bytes);
const total = rows.reduce((sum, row) => sum + row.bytes, 0);
const lazy = readdirSync(path.join(DIST, "assets"))
  .map((name) => `assets/${name}`)
  .filter((file) => !initial.includes(file) && /\.(js|mjs)$/.test(file))
  .map((file) => ({ file, bytes: gzipSize(path.join(DIST, file)) }))
  .sort((a, b) => b.bytes - a.bytes);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log("Join page, initial download (gzipped):");
for (const row of rows) console.log(`  ${row.file.padEnd(48)} ${kb(row.bytes).padStart(10)}`);
console.log(`  ${"total".padEnd(48)} ${kb(total).padStart(10)}  (budget ${kb(JOIN_PAGE_BUDGET_BYTES)})`);
console.log("Loaded on demand (gzipped), largest first:");
for (const row of lazy.slice(0, 12)) console.log(`  ${row.file.padEnd(48)} ${kb(row.bytes).padStart(10)}`);
console.log(
  JSON.stringify({
    joinPageGzipBytes: total,
    joinPageGzipKB: Math.round((total / 1024) * 10) / 10,
    budgetKB: JOIN_PAGE_BUDGET_BYTES / 1024,
    withinBudget: total <= JOIN_PAGE_BUDGET_BYTES,
    files: rows.length,
  }),
);
