/**
 * A self-signed certificate for HTTPS on the local network (a headset only offers WebXR on a secure
 * page). Generated on first start into the data folder and reused afterwards, so a headset that
 * accepted it once keeps trusting the same one.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { generate } from "selfsigned";

export interface TlsCertificate {
  readonly key: string;
  readonly cert: string;
}

export const CERTIFICATE_FILE = "tls-certificate.pem";
export const KEY_FILE = "tls-key.pem";
const VALID_DAYS = 825;

/** Every IPv4 address of this machine, so that the certificate names the address a headset types in. */
function localAddresses(): string[] {
  const addresses = new Set(["127.0.0.1"]);
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) if (entry.family === "IPv4") addresses.add(entry.address);
  }
  return [...addresses];
}

export async function loadOrCreateCertificate(dataDir: string): Promise<TlsCertificate> {
  const certFile = path.join(dataDir, CERTIFICATE_FILE);
  const keyFile = path.join(dataDir, KEY_FILE);
  if (existsSync(certFile) && existsSync(keyFile)) {
    return { cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8") };
  }
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_DAYS * 24 * 3600 * 1000);
  const pems = await generate([{ name: "commonName", value: "Plenum on this network" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          ...localAddresses().map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  writeFileSync(certFile, pems.cert);
  return { cert: pems.cert, key: pems.private };
}
