/**
 * What a browser downloads for a page before anyone acts on it, as a running Plenum actually sends it:
 * index.html, its module script, module preloads and style sheets, every static import between chunks
 * and every url() in the style sheets, each requested with a browser's Accept-Encoding. Chunks loaded
 * on demand (the hall, the console, voice, pdf.js) are not on this path.
 */
import { readFileSync } from "node:fs";
import { get } from "node:http";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

/** What Chromium sends for page resources. */
export const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

export interface SentFile {
  readonly path: string;
  /** The Content-Encoding the server chose, "identity" when none. */
  readonly encoding: string;
  /** Bytes on the wire (the compressed body). */
  readonly bytes: number;
  /** The decoded text, to look for what must not be on this path. */
  readonly text: string;
}

const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g;
const HTML_ASSET = /<(?:script[^>]*\bsrc|link[^>]*\bhref)="(\/[^"]+)"/g;
const CSS_URL = /url\(\s*["']?(\/?[^"')]+)["']?\s*\)/g;

/** Requests one file as a browser would and counts the bytes of the body as they arrive, before decoding. */
function fetchSent(base: string, pathname: string): Promise<SentFile> {
  return new Promise((resolve, reject) => {
    const request = get(
      new URL(pathname, base),
      { headers: { "accept-encoding": BROWSER_ACCEPT_ENCODING }, timeout: 10_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          if (response.statusCode !== 200) {
            reject(new Error(`${pathname}: HTTP ${response.statusCode}`));
            return;
          }
          const body = Buffer.concat(chunks);
          const encoding = response.headers["content-encoding"] ?? "identity";
          resolve({
            path: pathname,
            encoding,
            bytes: body.length,
            text: decode(body, encoding).toString("utf8"),
          });
        });
      },
    );
    request.on("timeout", () => request.destroy(new Error(`${pathname}: no answer in 10 s`)));
    request.on("error", reject);
  });
}

function decode(body: Buffer, encoding: string): Buffer {
  if (encoding === "br") return brotliDecompressSync(body);
  if (encoding === "gzip") return gunzipSync(body);
  if (encoding === "identity") return body;
  throw new Error(`unexpected Content-Encoding ${encoding}`);
}

function linkedFrom(file: SentFile): string[] {
  const resolve = (url: string) => new URL(url, `http://page${file.path}`).pathname;
  if (file.path.endsWith(".js"))
    return [...file.text.matchAll(STATIC_IMPORT)].map((m) => resolve(m[1] as string));
  if (file.path.endsWith(".css")) {
    return [...file.text.matchAll(CSS_URL)]
      .map((m) => m[1] as string)
      .filter((url) => !url.startsWith("data:"))
      .map(resolve);
  }
  return [...file.text.matchAll(HTML_ASSET)].map((m) => m[1] as string);
}

/**
 * Every file on the critical path of the page at `pathname`, in the order they were found. A page the
 * app loads lazily names its chunks in `lazyFiles` (paths from the build's manifest), which are followed
 * like the page's own.
 */
export async function criticalPath(
  base: string,
  pathname: string,
  lazyFiles: readonly string[] = [],
): Promise<SentFile[]> {
  const seen = new Map<string, SentFile>();
  const queue = [pathname, ...lazyFiles];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    const file = await fetchSent(base, next);
    seen.set(next, file);
    queue.push(...linkedFrom(file));
  }
  return [...seen.values()];
}

/** The chunk a lazily loaded module became, from the build's manifest (`build.manifest` in vite.config.ts). */
export function builtChunk(clientDir: string, source: string): string {
  const manifest = JSON.parse(readFileSync(path.join(clientDir, ".vite", "manifest.json"), "utf8")) as Record<
    string,
    { file: string }
  >;
  const entry = manifest[source];
  if (!entry) throw new Error(`the build's manifest has no ${source}: run \`npm run build\``);
  return `/${entry.file}`;
}
