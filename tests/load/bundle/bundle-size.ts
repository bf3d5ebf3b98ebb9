/**
 * `npm run bench:bundle`: what a browser is actually sent, per page, by a running Plenum serving the
 * product build (run `npm run build` first). Each file on a page's critical path (see
 * tests/support/sent-bytes.ts) is requested with Chromium's Accept-Encoding and counted on the wire.
 * The door pages are held to web.dev's 170 KB for a mid-range phone; the hall is what entering costs
 * on top of the door.
 */
import { builtChunk, criticalPath, type SentFile } from "../../support/sent-bytes.ts";
import { PRODUCT_CLIENT_DIR } from "../../support/test-client.ts";
import { startTestServer } from "../../support/test-server.ts";

const DOOR_BUDGET_BYTES = 170 * 1024;

const server = await startTestServer({ CLIENT_DIR: PRODUCT_CLIENT_DIR });
try {
  const created = await server.createConsultation("Bundle bench");
  const joinPage = `/j/${created.joinCode}`;
  const door = await criticalPath(server.url, joinPage);
  const pages: Record<string, { files: SentFile[]; budget?: number }> = {
    home: { files: await criticalPath(server.url, "/"), budget: DOOR_BUDGET_BYTES },
    join: { files: door, budget: DOOR_BUDGET_BYTES },
    report: {
      files: await criticalPath(server.url, `/c/${created.id}/report`, [
        builtChunk(PRODUCT_CLIENT_DIR, "src/ui/report/ReportPage.tsx"),
      ]),
      budget: DOOR_BUDGET_BYTES,
    },
    hall: {
      files: (
        await criticalPath(server.url, joinPage, [builtChunk(PRODUCT_CLIENT_DIR, "src/app/HallPage.tsx")])
      ).filter((file) => !door.some((doorFile) => doorFile.path === file.path)),
    },
  };
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const summary: Record<
    string,
    { sentKB: number; files: number; budgetKB?: number; withinBudget?: boolean }
  > = {};
  for (const [name, page] of Object.entries(pages)) {
    const sent = page.files.reduce((sum, file) => sum + file.bytes, 0);
    console.log(`${name}${name === "hall" ? " (on top of the door)" : ""}:`);
    for (const file of [...page.files].sort((a, b) => b.bytes - a.bytes)) {
      console.log(`  ${file.path.padEnd(48)} ${file.encoding.padEnd(8)} ${kb(file.bytes).padStart(10)}`);
    }
    console.log(
      `  ${"total".padEnd(57)} ${kb(sent).padStart(10)}${page.budget ? `  (budget ${kb(page.budget)})` : ""}`,
    );
    summary[name] = {
      sentKB: Math.round((sent / 1024) * 10) / 10,
      files: page.files.length,
      ...(page.budget ? { budgetKB: page.budget / 1024, withinBudget: sent <= page.budget } : {}),
    };
  }
  console.log(JSON.stringify(summary));
} finally {
  await server.stop();
}
