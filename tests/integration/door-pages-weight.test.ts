/**
 * The door pages a citizen opens on a phone (home, join, report) arrive compressed and light: every
 * file on their critical path above 1 KB is sent with brotli, the whole path stays within web.dev's 170 KB for a
 * mid-range phone, and none of the hall's libraries (three, uikit, LiveKit, pdf.js, the room client) is
 * on it. Measured on what a real Plenum serves from the product build (`npm run build:all`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtChunk, criticalPath, type SentFile } from "../support/sent-bytes.ts";
import { PRODUCT_CLIENT_DIR } from "../support/test-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

/** web.dev's budget for a mid-range phone: critical-path resources, compressed. */
const DOOR_BUDGET_BYTES = 170 * 1024;

/** Below compression's default threshold a response goes as it is: framing would cost what it saves. */
const SMALL_FILE_BYTES = 1024;

/** A string each library's code carries once built, and nothing else in the client does. */
const HALL_LIBRARIES = {
  three: "__THREE__",
  uikit: "uikit",
  livekit: "livekit",
  pdfjs: "GlobalWorkerOptions",
  roomClient: "colyseus",
} as const;

let server: TestServer;
let pages: Record<string, { path: string; lazy: () => string[] }>;

beforeAll(async () => {
  server = await startTestServer({ CLIENT_DIR: PRODUCT_CLIENT_DIR });
  const created = await server.createConsultation("Door pages");
  pages = {
    home: { path: "/", lazy: () => [] },
    join: { path: `/j/${created.joinCode}`, lazy: () => [] },
    report: {
      path: `/c/${created.id}/report`,
      lazy: () => [builtChunk(PRODUCT_CLIENT_DIR, "src/ui/report/ReportPage.tsx")],
    },
  };
});

afterAll(async () => {
  await server?.stop();
});

const total = (files: readonly SentFile[]) => files.reduce((sum, file) => sum + file.bytes, 0);

describe.each(["home", "join", "report"])("the %s page", (name) => {
  it("is sent with brotli, within 170 KB, and without the hall's libraries", async () => {
    const page = pages[name] as { path: string; lazy: () => string[] };
    const files = await criticalPath(server.url, page.path, page.lazy());
    expect(files.map((file) => file.path)).toContain(page.path);
    expect(files.length).toBeGreaterThan(2);
    const uncompressed = files.filter((file) => file.encoding !== "br" && file.bytes > SMALL_FILE_BYTES);
    expect(uncompressed.map((file) => `${file.path} (${file.encoding})`)).toEqual([]);
    expect(total(files)).toBeLessThanOrEqual(DOOR_BUDGET_BYTES);
    const found = Object.entries(HALL_LIBRARIES)
      .filter(([, marker]) => files.some((file) => file.text.includes(marker)))
      .map(([library]) => library);
    expect(found).toEqual([]);
  });
});

describe("the hall's libraries", () => {
  it("are in the build, so that the door pages' check can see them", async () => {
    const hall = await criticalPath(server.url, "/", [
      builtChunk(PRODUCT_CLIENT_DIR, "src/app/HallPage.tsx"),
      builtChunk(PRODUCT_CLIENT_DIR, "src/xr/HallXR.tsx"),
    ]);
    const livekit = await criticalPath(server.url, "/", [
      builtChunk(PRODUCT_CLIENT_DIR, "src/voice/livekit-transport.ts"),
    ]);
    const pdf = await criticalPath(server.url, "/", [
      builtChunk(PRODUCT_CLIENT_DIR, "src/ui/console/pdf-slides.ts"),
    ]);
    const text = [...hall, ...livekit, ...pdf].map((file) => file.text).join("\n");
    for (const marker of Object.values(HALL_LIBRARIES)) expect(text).toContain(marker);
  });
});
