/** Serves the built browser client; every page route falls back to index.html so deep links work. */
import { existsSync } from "node:fs";
import path from "node:path";
import express from "express";

export function clientFiles(clientDir: string): express.Router {
  const router = express.Router();
  const index = path.join(clientDir, "index.html");
  if (!existsSync(index)) {
    router.get(/.*/, (_req, res) => {
      res
        .status(503)
        .type("text/plain")
        .send("The web client has not been built yet. Run `npm start` (it builds first) or `npm run build`.");
    });
    return router;
  }
  router.use(
    "/assets",
    express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y", fallthrough: false }),
  );
  router.use(express.static(clientDir, { index: false }));
  router.get(/^\/(?:j\/[^/]+|f\/[^/]+|c\/[^/]+\/(?:console|report))?\/?$/, (_req, res) => {
    res.sendFile(index);
  });
  return router;
}
