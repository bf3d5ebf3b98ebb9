/**
 * This browser's device key: random, made once and kept in local storage, sent with every join so that
 * a ban can refuse the same browser again. Only its hash is stored on the server. On a shared device
 * it is kept for the page only: a ban must not refuse the next person who borrows the device.
 */
import { isSharedDevice, PERSONAL_KEYS, useSharedDevice } from "../app/shared-device.ts";

const STORAGE_KEY = PERSONAL_KEYS.deviceKey;

function newDeviceKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

let cached: string | undefined;

/** The next join makes or reads the key afresh: after the shared-device choice changed, or a person left it. */
export function renewDeviceKey(): void {
  cached = undefined;
}

useSharedDevice.subscribe(renewDeviceKey);

/** The key, made on first use; without storage it lasts as long as the page. */
export function deviceKey(): string {
  if (cached) return cached;
  if (isSharedDevice()) {
    cached = newDeviceKey();
    return cached;
  }
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored && /^[A-Za-z0-9_-]{16,128}$/.test(stored)) {
      cached = stored;
      return stored;
    }
    cached = newDeviceKey();
    localStorage.setItem(STORAGE_KEY, cached);
  } catch {
    cached ??= newDeviceKey();
  }
  return cached;
}
