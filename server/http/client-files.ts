/** Serves the built browser client; every page route falls back to index.html so deep links work. */
import { existsSync } from "node:fs";
import path from "node:path";
import compression from "compression";
import express from "express";
import expressStaticGzip from "express-static-gzip";

/** Brotli first: it is a fifth smaller than gzip on the client's scripts, and every current browser reads it. */
const PRECOMPRESSED = { enableBrotli: true, orderPreference: ["br", "gzip"] };

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
  // A build without .br/.gz files (or a file the build left uncompressed) is still compressed on the fly;
  // compression() skips a response that already carries a Content-Encoding.
  router.use(compression());
  router.use(
    "/assets",
    expressStaticGzip(path.join(clientDir, "assets"), {
      ...PRECOMPRESSED,
      index: false,
      serveStatic: { immutable: true, maxAge: "1y", fallthrough: false },
    }),
  );
  router.use(expressStaticGzip(clientDir, { ...PRECOMPRESSED, index: false }));
  router.get(/^\/(?:[jfi]\/[^/]+|c\/[^/]+\/(?:console|report))?\/?$/, (_req, res) => {
    res.sendFile(index);
  });
  return router;
}
