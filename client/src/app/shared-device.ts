/**
 * "On a shared device" (a loaned headset, a library computer): a choice made at the door and kept by
 * the browser itself, so that the device stays set to it for the next person. While it is on, nothing
 * about a person is kept in this browser: no session, no name or colour, no device key. Turning it on
 * forgets what earlier visits left. Settings of the device itself (language, sound, comfort,
 * microphone) are not about a person and stay.
 */
import { create } from "zustand";

const CHOICE_KEY = "plenum.sharedDevice";

/** Every key under which this browser keeps something about a person (see docs/privacy.md). */
export const PERSONAL_KEYS = {
  /** Sessions from /api/join, one per consultation: `plenum.session.<consultation id>`. */
  sessionPrefix: "plenum.session.",
  profile: "plenum.profile",
  deviceKey: "plenum.deviceKey",
} as const;

function load(): boolean {
  try {
    return localStorage.getItem(CHOICE_KEY) === "1";
  } catch {
    // Without storage nothing is kept anyway.
    return false;
  }
}

export const useSharedDevice = create<{ readonly on: boolean }>()(() => ({ on: load() }));

export function isSharedDevice(): boolean {
  return useSharedDevice.getState().on;
}

/** Removes the sessions, the name and colour and the device key earlier visits kept in this browser. */
export function forgetPersonalStorage(): void {
  try {
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key !== null) keys.push(key);
    }
    for (const key of keys) {
      if (
        key.startsWith(PERSONAL_KEYS.sessionPrefix) ||
        key === PERSONAL_KEYS.profile ||
        key === PERSONAL_KEYS.deviceKey
      )
        localStorage.removeItem(key);
    }
  } catch {
    // Storage disabled: there is nothing in it to forget.
  }
}

export function setSharedDevice(on: boolean): void {
  useSharedDevice.setState({ on });
  try {
    if (on) {
      localStorage.setItem(CHOICE_KEY, "1");
      forgetPersonalStorage();
    } else {
      localStorage.removeItem(CHOICE_KEY);
    }
  } catch {
    // Not remembered across visits; this visit still keeps nothing.
  }
}

// Another tab turned it on or off: follow, so that this tab does not store what that one forgot.
if (typeof window !== "undefined") {
  window.addEventListener("storage", (event) => {
    if (event.key === CHOICE_KEY || event.key === null) useSharedDevice.setState({ on: load() });
  });
}
