/**
 * `npm start -- --https` (or PLENUM_HTTPS=1): a headset on the LAN needs a secure page for WebXR. The
 * server then speaks HTTPS with a self-signed certificate made on first start and kept for the next.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startPlenum } from "../../server/app.ts";
import { readConfig } from "../../server/config.ts";
import { CERTIFICATE_FILE, KEY_FILE } from "../../server/http/tls-certificate.ts";
import { startServerProcess } from "../support/server-process.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "plenum-https-"));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** GET over HTTPS trusting the self-signed certificate; returns the status, body and served certificate. */
function getInsecure(url: string): Promise<{ status: number; body: string; certificate: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { rejectUnauthorized: false }, (response) => {
      let body = "";
      const peer = (response.socket as import("node:tls").TLSSocket).getPeerCertificate();
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body, certificate: peer.fingerprint256 }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

async function startHttps() {
  return startPlenum(readConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, PLENUM_HTTPS: "1" }));
}

describe("HTTPS with a self-signed certificate", () => {
  let firstFingerprint = "";

  it("serves /healthz over https and keeps the certificate in the data folder", async () => {
    const plenum = await startHttps();
    try {
      expect(plenum.url.startsWith("https://")).toBe(true);
      const health = await getInsecure(`https://127.0.0.1:${plenum.port}/healthz`);
      expect(health.status).toBe(200);
      expect(health.certificate).toMatch(/^[0-9A-F:]+$/);
      firstFingerprint = health.certificate;
      expect(readFileSync(path.join(dataDir, CERTIFICATE_FILE), "utf8")).toContain("BEGIN CERTIFICATE");
      expect(statSync(path.join(dataDir, KEY_FILE)).mode & 0o077).toBe(0);
    } finally {
      await plenum.close();
    }
  });

  it("reuses the same certificate files on the next start", async () => {
    const before = statSync(path.join(dataDir, CERTIFICATE_FILE)).mtimeMs;
    const plenum = await startHttps();
    try {
      const health = await getInsecure(`https://127.0.0.1:${plenum.port}/healthz`);
      expect(health.status).toBe(200);
      expect(health.certificate).toBe(firstFingerprint);
      expect(statSync(path.join(dataDir, CERTIFICATE_FILE)).mtimeMs).toBe(before);
    } finally {
      await plenum.close();
    }
  });

  it("turns on with `npm start -- --https` and refuses plain http on that port", async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir }, 20_000, ["--https"]);
    try {
      expect(server.url.startsWith("https://")).toBe(true);
      const health = await getInsecure(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(health.certificate).toBe(firstFingerprint);
      await expect(fetch(`${server.url.replace("https:", "http:")}/healthz`)).rejects.toThrow();
    } finally {
      await server.stop();
    }
  });
});
