/**
 * What Plenum keeps of a person who signed in with the operator's OpenID provider: a keyed hash of the
 * provider's subject, never the subject, a name or a national number.
 */
import { createHmac } from "node:crypto";

/**
 * The key is derived per consultation from the server's secret and kept nowhere: someone holding the
 * database alone cannot test a known subject against it, and the same person's hashes in two
 * consultations cannot be linked.
 */
function consultationKey(serverSecret: string, consultationId: string): Buffer {
  return createHmac("sha256", serverSecret).update(`plenum verified identity\n${consultationId}`).digest();
}

/** The identity's hash in one consultation; the issuer is part of it, since subjects are unique per issuer. */
export function identityHash(
  serverSecret: string,
  consultationId: string,
  issuer: string,
  subject: string,
): string {
  return createHmac("sha256", consultationKey(serverSecret, consultationId))
    .update(`${issuer}\n${subject}`)
    .digest("base64url");
}
