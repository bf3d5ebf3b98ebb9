/**
 * Session tokens: the only source of a participant's identity and role in the room. A token is
 * `v1.<payload>.<signature>`, both base64url, signed with HMAC-SHA256 over the payload.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { ROLES, type Role } from "../../shared/protocol/roles.ts";

export interface SessionClaims {
  readonly consultationId: string;
  readonly participantId: string;
  readonly role: Role;
  /** Expiry, in seconds since the epoch. */
  readonly expiresAt: number;
}

interface WirePayload {
  c: string;
  p: string;
  r: Role;
  e: number;
}

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

export function issueSessionToken(secret: string, claims: SessionClaims): string {
  const wire: WirePayload = {
    c: claims.consultationId,
    p: claims.participantId,
    r: claims.role,
    e: claims.expiresAt,
  };
  const payload = Buffer.from(JSON.stringify(wire)).toString("base64url");
  return `v1.${payload}.${sign(secret, payload)}`;
}

/** Returns the claims of a genuine, unexpired token, or undefined for anything else. */
export function verifySessionToken(
  secret: string,
  token: unknown,
  nowSeconds: number,
): SessionClaims | undefined {
  if (typeof token !== "string" || token.length > 2048) return undefined;
  const [version, payload, signature, ...rest] = token.split(".");
  if (version !== "v1" || !payload || !signature || rest.length > 0) return undefined;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let wire: Partial<WirePayload>;
  try {
    wire = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (
    typeof wire.c !== "string" ||
    typeof wire.p !== "string" ||
    typeof wire.e !== "number" ||
    !ROLES.includes(wire.r as Role) ||
    wire.e <= nowSeconds
  ) {
    return undefined;
  }
  return { consultationId: wire.c, participantId: wire.p, role: wire.r as Role, expiresAt: wire.e };
}
