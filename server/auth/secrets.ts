import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { JOIN_CODE_LENGTH, joinCodeFromBytes } from "../../shared/protocol/join-code.ts";

export function newId(): string {
  return randomBytes(12).toString("base64url");
}

export function newJoinCode(): string {
  return joinCodeFromBytes(randomBytes(JOIN_CODE_LENGTH));
}

/** A facilitator key is a bearer secret in a link, so it gets 256 bits and is stored only as a hash. */
export function newFacilitatorKey(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/**
 * The session-signing secret: the configured one, or one generated on first start and kept in the data
 * folder so that tokens survive a restart.
 */
export function loadOrCreateSessionSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
