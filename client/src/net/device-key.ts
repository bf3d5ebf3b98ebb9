/**
 * This browser's device key: random, made once and kept in local storage, sent with every join so that
 * a ban can refuse the same browser again. Only its hash is stored on the server.
 */
const STORAGE_KEY = "plenum.deviceKey";

function newDeviceKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

let cached: string | undefined;

/** The key, made on first use; without storage it lasts as long as the page. */
export function deviceKey(): string {
  if (cached) return cached;
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
