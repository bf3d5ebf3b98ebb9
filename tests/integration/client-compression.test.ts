/**
 * The client's files go out compressed: the build's brotli or gzip twin when the browser takes it, an
 * on-the-fly gzip when the build left none, always with Vary: Accept-Encoding, and index.html never cached
 * as immutable.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientFiles } from "../../server/http/client-files.ts";

const script = `export const greeting = "${"welcome to the hall ".repeat(200)}";\n`;
const page = `<!doctype html><html><body>${"<p>Plenum</p>".repeat(200)}</body></html>`;
let dir: string;
let base: string;
let close: () => void;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "plenum-client-"));
  mkdirSync(path.join(dir, "assets"));
  writeFileSync(path.join(dir, "index.html"), page);
  writeFileSync(path.join(dir, "assets", "hall.js"), script);
  writeFileSync(path.join(dir, "assets", "hall.js.br"), brotliCompressSync(script));
  writeFileSync(path.join(dir, "assets", "hall.js.gz"), gzipSync(script));
  writeFileSync(path.join(dir, "assets", "plain.css"), `body{color:red}\n`.repeat(200));
  const app = express().use(clientFiles(dir));
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

function get(route: string, acceptEncoding: string): Promise<Response> {
  return fetch(`${base}${route}`, { headers: { "accept-encoding": acceptEncoding } });
}

describe("client files", () => {
  it("sends the brotli twin to a browser that takes brotli", async () => {
    const res = await get("/assets/hall.js", "gzip, deflate, br, zstd");
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect(res.headers.get("cache-control")).toMatch(/immutable/);
    expect(await res.text()).toBe(script);
  });

  it("falls back to the gzip twin for a browser without brotli", async () => {
    const res = await get("/assets/hall.js", "gzip");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(await res.text()).toBe(script);
  });

  it("compresses on the fly a file the build left uncompressed", async () => {
    const res = await get("/assets/plain.css", "gzip, br");
    expect(res.headers.get("content-encoding")).toMatch(/^(br|gzip)$/);
    expect(res.headers.get("vary")).toMatch(/accept-encoding/i);
  });

  it("compresses the page and never caches it as immutable", async () => {
    const res = await get("/j/ABCDEF", "gzip, br");
    expect(res.headers.get("content-encoding")).toMatch(/^(br|gzip)$/);
    expect(res.headers.get("cache-control") ?? "").not.toMatch(/immutable/);
    expect(await res.text()).toBe(page);
  });
});
