/**
 * Sessions from /api/join, kept in this browser by consultation id, so that the facilitator console on
 * a second screen (another tab or window) can use the session the facilitator entered with.
 *
 * A kept session ends with its token (`expiresAt`), when its person leaves the hall, and when the room
 * says it is over (removed, banned, erased). On a shared device none is kept (shared-device.ts). A
 * session kept without an expiry (by an older version) is dropped: its age cannot be known.
 */
import type { JoinResponse } from "../../../shared/protocol/http-api.ts";
import { isSharedDevice, PERSONAL_KEYS } from "./shared-device.ts";

const PREFIX = PERSONAL_KEYS.sessionPrefix;

export function saveSession(join: JoinResponse): void {
  if (isSharedDevice()) return;
  try {
    localStorage.setItem(PREFIX + join.consultationId, JSON.stringify(join));
  } catch {
    // Without storage the console page asks the facilitator to open their link in this browser.
  }
}

/** The kept session, if it is whole and its token has not expired. */
function usable(consultationId: string, raw: Partial<JoinResponse> | null, now: number): boolean {
  return (
    !!raw &&
    raw.consultationId === consultationId &&
    typeof raw.participantId === "string" &&
    typeof raw.sessionToken === "string" &&
    typeof raw.role === "string" &&
    typeof raw.expiresAt === "number" &&
    raw.expiresAt > now
  );
}

function read(key: string): Partial<JoinResponse> | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? "null") as Partial<JoinResponse> | null;
  } catch {
    return null;
  }
}

export function loadSession(consultationId: string, now = Date.now()): JoinResponse | undefined {
  if (isSharedDevice()) return undefined;
  try {
    const key = PREFIX + consultationId;
    const raw = read(key);
    if (!usable(consultationId, raw, now)) {
      localStorage.removeItem(key);
      return undefined;
    }
    return raw as JoinResponse;
  } catch {
    return undefined;
  }
}

/** Forgets the kept session of one consultation (leaving, or a session the room ended). */
export function forgetSession(consultationId: string): void {
  try {
    localStorage.removeItem(PREFIX + consultationId);
  } catch {
    // Without storage nothing was kept.
  }
}

/** Removes every kept session whose token expired, or that cannot be read; run when the app starts. */
export function sweepSessions(now = Date.now()): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) {
      if (!usable(key.slice(PREFIX.length), read(key), now)) localStorage.removeItem(key);
    }
  } catch {
    // Storage disabled: nothing was kept.
  }
}

/** Calls `onGone` when another tab of this browser forgets the session of `consultationId`. */
export function watchSession(consultationId: string, onGone: () => void): () => void {
  const listener = (event: StorageEvent) => {
    if ((event.key === PREFIX + consultationId || event.key === null) && event.newValue === null) onGone();
  };
  window.addEventListener("storage", listener);
  return () => window.removeEventListener("storage", listener);
}
