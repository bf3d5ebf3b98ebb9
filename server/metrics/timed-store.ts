/**
 * The store with every operation timed and its failures counted, whichever store it is: one wrapper
 * around the interface instead of a timer in each of its SQLite and PostgreSQL methods.
 */
import type { ConsultationStore } from "../store/consultation-store.ts";
import { storeErrors, storeQuerySeconds } from "./hall-metrics.ts";

export function timedStore(store: ConsultationStore): ConsultationStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function" || typeof key !== "string") return value;
      return async (...args: unknown[]) => {
        const end = storeQuerySeconds.startTimer({ operation: key });
        try {
          return await value.apply(target, args);
        } catch (error) {
          storeErrors.inc({ operation: key });
          throw error;
        } finally {
          end();
        }
      };
    },
  });
}
