import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { compression } from "vite-plugin-compression2";

const serverPort = Number(process.env.PORT ?? 8080);

/** Controller and hand models Plenum serves itself, so headsets never reach for a CDN. */
const XR_PROFILES = ["meta-quest-touch-plus", "generic-trigger", "generic-hand"];
const XR_PROFILES_SOURCE = path.resolve(
  import.meta.dirname,
  "node_modules/@webxr-input-profiles/assets/dist/profiles",
);
const XR_PROFILES_ROUTE = "xr-profiles";

/**
 * The chosen profiles from @webxr-input-profiles/assets, under /xr-profiles/: copied into the build and
 * served by the dev server. The profile list names only these, so any other controller falls back to
 * generic-trigger instead of asking for a file that is not there.
 */
function xrProfiles(): Plugin {
  const files = new Map<string, () => Buffer | string>();
  const list = JSON.parse(readFileSync(path.join(XR_PROFILES_SOURCE, "profilesList.json"), "utf8")) as Record<
    string,
    unknown
  >;
  files.set("profilesList.json", () =>
    JSON.stringify(Object.fromEntries(XR_PROFILES.map((id) => [id, list[id]]))),
  );
  for (const profile of XR_PROFILES) {
    for (const name of readdirSync(path.join(XR_PROFILES_SOURCE, profile))) {
      files.set(`${profile}/${name}`, () => readFileSync(path.join(XR_PROFILES_SOURCE, profile, name)));
    }
  }
  return {
    name: "plenum-xr-profiles",
    configureServer(server) {
      server.middlewares.use(`/${XR_PROFILES_ROUTE}/`, (req, res, next) => {
        const read = files.get(decodeURIComponent((req.url ?? "").split("?")[0]?.slice(1) ?? ""));
        if (!read) return next();
        res.setHeader("Content-Type", req.url?.endsWith(".json") ? "application/json" : "model/gltf-binary");
        res.end(read());
      });
    },
    generateBundle() {
      for (const [name, read] of files) {
        this.emitFile({ type: "asset", fileName: `${XR_PROFILES_ROUTE}/${name}`, source: read() });
      }
    },
  };
}

/**
 * `vite build --mode test` makes the build the end-to-end tests drive, into dist/client-test: only it
 * (and the dev server) compiles in the test hooks; the product build leaves them out entirely.
 */
export default defineConfig(({ command, mode }) => ({
  root: "client",
  // Brotli and gzip twins of every text file of the product build, so the server sends them without
  // compressing per request; the test build is served compressed on the fly, which is enough there.
  plugins: [
    react(),
    xrProfiles(),
    ...(mode === "test" ? [] : [compression({ algorithms: ["brotliCompress", "gzip"] })]),
  ],
  define: { __PLENUM_TEST_BUILD__: JSON.stringify(mode === "test" || command === "serve") },
  resolve: {
    alias: {
      "@iwer/devui": path.resolve(import.meta.dirname, "client/src/xr/no-emulator-panels.ts"),
      "@iwer/sem": path.resolve(import.meta.dirname, "client/src/xr/no-emulator-panels.ts"),
    },
  },
  build: {
    outDir: mode === "test" ? "../dist/client-test" : "../dist/client",
    emptyOutDir: true,
    // Which chunk each page's module became: the bundle checks follow it to a lazy page's files.
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": `http://127.0.0.1:${serverPort}`,
      "/healthz": `http://127.0.0.1:${serverPort}`,
      "/matchmake": `http://127.0.0.1:${serverPort}`,
      "^/[a-zA-Z0-9]{9}/": { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
}));
