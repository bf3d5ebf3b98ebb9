/**
 * Response headers that tell browsers what the app may do: where scripts, connections, workers and
 * media may come from (helmet's Content-Security-Policy), that no other site may frame it, that no
 * referrer leaves it, and which powerful features it uses (the microphone and WebXR, for itself only).
 */
import type { RequestHandler } from "express";
import helmet from "helmet";

/** Origins a LiveKit server URL is reached on: its websocket and, for the client's checks, HTTP. */
export function liveKitOrigins(url: string | undefined): string[] {
  if (url === undefined) return [];
  const parsed = new URL(url);
  const secure = parsed.protocol === "wss:" || parsed.protocol === "https:";
  return [`${secure ? "wss" : "ws"}://${parsed.host}`, `${secure ? "https" : "http"}://${parsed.host}`];
}

/**
 * Features the page may use: the microphone and immersive XR for this site only, a few it never needs
 * for nobody. Features left out keep the browser's default. Only features Chromium knows are listed:
 * it logs a warning on every page for any other (it did for `bluetooth`).
 */
export const PERMISSIONS_POLICY = [
  "microphone=(self)",
  "xr-spatial-tracking=(self)",
  "fullscreen=(self)",
  "camera=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "display-capture=()",
].join(", ");

/**
 * Under `npm run dev` the page also runs Vite's inline React refresh preamble and talks to Vite's hot
 * reload websocket on its own port (at whatever host the browser used); the built app needs neither.
 */
function hotReloadSources(port: number | undefined): { scripts: string[]; connections: string[] } {
  if (port === undefined) return { scripts: [], connections: [] };
  return { scripts: ["'unsafe-inline'"], connections: [`ws://*:${port}`, `wss://*:${port}`] };
}

export function securityHeaders(options: {
  liveKitUrl: string | undefined;
  hotReloadPort?: number | undefined;
}): RequestHandler[] {
  const voice = liveKitOrigins(options.liveKitUrl);
  const hotReload = hotReloadSources(options.hotReloadPort);
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // The built module scripts only, never inline or eval'd code. WebAssembly (the 3D UI's layout
          // engine) needs 'wasm-unsafe-eval'; the text renderer's workers load code the page itself
          // made into blobs (importScripts follows script-src).
          scriptSrc: ["'self'", "'wasm-unsafe-eval'", "blob:", ...hotReload.scripts],
          // React sets styles through the DOM, but libraries add <style> elements; no script runs from them.
          styleSrc: ["'self'", "'unsafe-inline'"],
          // Same-origin websocket (the room), inlined data (fonts, the layout engine) and LiveKit when set.
          connectSrc: ["'self'", "data:", "blob:", ...voice, ...hotReload.connections],
          // The PDF renderer's module worker, and the text renderer's workers made from blobs.
          workerSrc: ["'self'", "blob:"],
          imgSrc: ["'self'", "data:", "blob:"],
          mediaSrc: ["'self'", "blob:"],
          fontSrc: ["'self'", "data:"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Cross-origin isolation would block LiveKit media and buys nothing here.
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: "no-referrer" },
      // HSTS belongs to whoever terminates TLS for a real domain: sent from a self-signed LAN server it
      // would pin `localhost` to HTTPS in the browser for a year.
      strictTransportSecurity: false,
      xFrameOptions: { action: "deny" },
    }),
    (_req, res, next) => {
      res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
      next();
    },
  ];
}
