/** `npm start` and `npm run dev`: read the configuration, start one Plenum process, stop cleanly on a signal. */
import { startPlenum } from "./app.ts";
import { ConfigError, loadDotEnv, readConfig } from "./config.ts";
import { serverLog } from "./logging/rate-limited-log.ts";

const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  serverLog.error(
    `Plenum needs Node 22.12 or newer (this is ${process.versions.node}). Run it through npm start, which uses the project's Node.`,
  );
  process.exit(1);
}

const dev = process.argv.includes("--dev");
/** Hot reload gets its own port, so its websocket never meets the room websocket on the main one. */
const DEV_HMR_PORT = 24678;

try {
  loadDotEnv();
  const env = process.argv.includes("--https") ? { ...process.env, PLENUM_HTTPS: "1" } : process.env;
  const config = readConfig(env);
  const plenum = await startPlenum(config, {
    hotReloadPort: dev ? DEV_HMR_PORT : undefined,
    beforeClient: dev
      ? async (app) => {
          const { createServer } = await import("vite");
          const vite = await createServer({
            server: { middlewareMode: true, ws: { port: DEV_HMR_PORT } },
            appType: "spa",
          });
          app.use(vite.middlewares);
        }
      : undefined,
  });
  serverLog.info(
    `Plenum is running at ${plenum.url} (data in ${config.dataDir})${dev ? " with hot reload" : ""}`,
  );
  serverLog.info(
    config.liveKit
      ? `Voice goes through LiveKit at ${config.liveKit.url}${config.voiceMode === "livekit" ? " (required: VOICE_MODE=livekit)" : ""}.`
      : "Voice goes peer to peer: participants' browsers see each other's network addresses (docs/voice.md; VOICE_MODE=livekit requires LiveKit).",
  );
} catch (error) {
  if (error instanceof ConfigError) {
    serverLog.error(error.message);
    process.exit(2);
  }
  throw error;
}
