/**
 * The store with every operation timed and its failures counted, whichever store it is: one wrapper
 * around the interface instead of a timer in each of its SQLite and PostgreSQL methods. A transaction
 * is timed whole (under `transaction`, its commit included), and the operations inside it each on
 * their own, through a timed view of the transaction's store.
 */
import type { ConsultationStore } from "../store/consultation-store.ts";
import { storeErrors, storeQuerySeconds } from "./hall-metrics.ts";

/** Times `run` under `operation`; a failure counts as a store error unless `ownFailure` says it is not the store's. */
async function timed<T>(operation: string, run: () => Promise<T>, ownFailure = () => false): Promise<T> {
  const end = storeQuerySeconds.startTimer({ operation });
  try {
    return await run();
  } catch (error) {
    if (!ownFailure()) storeErrors.inc({ operation });
    throw error;
  } finally {
    end();
  }
}

export function timedStore(store: ConsultationStore): ConsultationStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function" || typeof key !== "string") return value;
      if (key === "transaction")
        return (work: (tx: ConsultationStore) => Promise<unknown>) => {
          // A transaction that the work inside it gave up on (a refusal, or an operation that failed and
          // counted itself) is rolled back as asked: only beginning or committing it failing is the store's.
          let workFailed = false;
          return timed(
            key,
            () =>
              target.transaction(async (tx) => {
                try {
                  return await work(timedStore(tx));
                } catch (error) {
                  workFailed = true;
                  throw error;
                }
              }),
            () => workFailed,
          );
        };
      return (...args: unknown[]) => timed(key, async () => value.apply(target, args));
    },
  });
}
