/**
 * A store whose writes are slow, or fail on demand, so that a test can drive commands into one
 * another: with every write taking 50 ms, a message sent while another command awaits its write lands
 * in the middle of it, as it does on a busy PostgreSQL; with the n-th write failing, a command meets
 * a store error half-way through its effects.
 */
import type { ConsultationStore } from "../../server/store/consultation-store.ts";

/** Every method of the store that changes what it holds. */
const WRITES: ReadonlySet<string> = new Set<keyof ConsultationStore>([
  "createConsultation",
  "setFacilitatorKeyHash",
  "claimFacilitatorDoor",
  "endFacilitatorLinkSessions",
  "addParticipant",
  "setParticipantRole",
  "setParticipantStatus",
  "markEntered",
  "setLocked",
  "setSpeakingMode",
  "addBan",
  "appendAudit",
  "saveDocument",
  "savePoll",
  "castBallot",
  "closeBallots",
  "addIdea",
  "updateIdea",
  "setIdeaVote",
  "addCluster",
  "addChatMessage",
  "hideChatMessage",
  "saveAllocation",
  "addSpeakingTime",
  "addInterpretationTime",
  "recordAttendance",
  "addSlide",
  "saveReport",
  "forgetPeople",
  "deleteConsultation",
  "scrub",
  "eraseParticipant",
]);

export interface StoreFaults {
  /** Wraps the server's store; pass it as `wrapStore` when starting the server. */
  readonly wrap: (store: ConsultationStore) => ConsultationStore;
  /** How long every write waits before it runs (0 at first). */
  delayMs: number;
  /** Makes the `n`-th write from now on throw (1 is the next one); the writes after it run again. */
  failNth(n: number): void;
  /** Called as each write starts, before its delay: a test sends a message into the middle of it. */
  onWrite: ((method: string) => void) | undefined;
}

export function storeFaults(): StoreFaults {
  let failIn = 0;
  const faults: StoreFaults = {
    delayMs: 0,
    onWrite: undefined,
    failNth(n) {
      failIn = n;
    },
    wrap,
  };

  async function beforeWrite(method: string): Promise<void> {
    faults.onWrite?.(method);
    if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    if (failIn > 0 && --failIn === 0) throw new Error(`store fault: ${method} failed on purpose`);
  }

  function wrap(store: ConsultationStore): ConsultationStore {
    return new Proxy(store, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== "function") return value;
        const method = value as (...args: unknown[]) => unknown;
        // A transaction's own store is wrapped too: its writes are as slow, and can fail, as any other.
        if (key === "transaction")
          return (work: (tx: ConsultationStore) => Promise<unknown>) =>
            method.call(target, (tx: ConsultationStore) => work(wrap(tx)));
        if (typeof key === "string" && WRITES.has(key))
          return async (...args: unknown[]) => {
            await beforeWrite(key);
            return method.apply(target, args);
          };
        return method.bind(target);
      },
    });
  }

  return faults;
}
