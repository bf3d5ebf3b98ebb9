/**
 * The sealed ballot box (docs/privacy.md, "Ballot secrecy"). While a poll is open, each voter's current
 * choice is kept in their voter row, encrypted: AES-256-GCM under a key of its own for each poll, derived
 * from the session secret, which lives outside the database (SESSION_SECRET, or DATA_DIR/session-secret).
 * The voter row therefore stays readable by the process after a restart (ballots survive it, and a
 * re-vote still finds the choice it replaces), while whoever holds only the database, its log, its dead
 * tuples or its backups sees who voted and bytes of the same length for every choice.
 *
 * The clear text is padded to one length, so that a longer choice (a ranking, several options) does not
 * show in the sealed bytes' length; the nonce is random, so that equal choices give unequal bytes; the
 * poll and the voter are authenticated, so that a sealed ballot cannot be moved to another voter's row.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { Ballot } from "../../shared/consultation/polls.ts";

const FORMAT = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Longer than any ballot's JSON (a ranking of the 12 options allowed is 27 characters). */
const CLEAR_BYTES = 64;
/** Every sealed ballot has this many bytes: format, nonce, padded clear text, tag. */
export const SEALED_BALLOT_BYTES = 1 + NONCE_BYTES + CLEAR_BYTES + TAG_BYTES;

export class BallotSeal {
  readonly #master: Buffer;
  readonly #sessionSecret: string;
  readonly #keys = new Map<string, Buffer>();

  constructor(sessionSecret: string) {
    this.#sessionSecret = sessionSecret;
    this.#master = createHmac("sha256", sessionSecret).update("plenum ballot seal").digest();
  }

  #key(pollId: string): Buffer {
    let key = this.#keys.get(pollId);
    if (!key) {
      key = Buffer.from(hkdfSync("sha256", this.#master, Buffer.alloc(0), `ballot seal v1\n${pollId}`, 32));
      this.#keys.set(pollId, key);
    }
    return key;
  }

  seal(pollId: string, voterId: string, ballot: Ballot): Uint8Array {
    const clear = Buffer.from(JSON.stringify(ballot), "utf8");
    if (clear.length > CLEAR_BYTES) throw new Error("A ballot is too long to seal.");
    const padded = Buffer.concat([clear, Buffer.alloc(CLEAR_BYTES - clear.length, 0x20)]);
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#key(pollId), nonce);
    cipher.setAAD(Buffer.from(`${pollId}\n${voterId}`, "utf8"));
    const sealed = Buffer.concat([Buffer.from([FORMAT]), nonce, cipher.update(padded), cipher.final()]);
    return new Uint8Array(Buffer.concat([sealed, cipher.getAuthTag()]));
  }

  /** The ballot sealed in `sealed`, or undefined when it cannot be opened (another secret, or tampered). */
  open(pollId: string, voterId: string, sealed: Uint8Array): Ballot | undefined {
    const bytes = Buffer.from(sealed);
    if (bytes.length !== SEALED_BALLOT_BYTES || bytes[0] !== FORMAT) return undefined;
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#key(pollId), bytes.subarray(1, 1 + NONCE_BYTES));
      decipher.setAAD(Buffer.from(`${pollId}\n${voterId}`, "utf8"));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const clear = Buffer.concat([
        decipher.update(bytes.subarray(1 + NONCE_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
      const ballot: unknown = JSON.parse(clear.toString("utf8"));
      return Array.isArray(ballot) && ballot.every((n) => Number.isInteger(n))
        ? (ballot as Ballot)
        : undefined;
    } catch {
      return undefined;
    }
  }

  /** The key under which stores before the seal found a voter's ballot (to convert them once). */
  legacyBallotKey(pollId: string, voterId: string): string {
    return createHmac("sha256", this.#sessionSecret)
      .update(`ballot\n${pollId}\n${voterId}`)
      .digest("base64url");
  }
}
