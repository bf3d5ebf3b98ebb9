/**
 * The name and colour someone chose last time, so that the join form is filled in on their next visit;
 * never on a shared device (shared-device.ts).
 */
import { AVATAR_COLORS, isAvatarColor } from "../../../shared/protocol/display-name.ts";
import { isSharedDevice, PERSONAL_KEYS } from "./shared-device.ts";

const STORAGE_KEY = PERSONAL_KEYS.profile;

export interface SavedProfile {
  readonly name: string;
  readonly color: string;
}

export function loadProfile(): SavedProfile {
  const fallback = { name: "", color: AVATAR_COLORS[0] };
  if (isSharedDevice()) return fallback;
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Partial<SavedProfile> | null;
    if (!raw) return fallback;
    return {
      name: typeof raw.name === "string" ? raw.name : "",
      color: typeof raw.color === "string" && isAvatarColor(raw.color) ? raw.color : fallback.color,
    };
  } catch {
    // Private browsing or a corrupted entry: start from an empty form rather than fail.
    return fallback;
  }
}

export function saveProfile(profile: SavedProfile): void {
  if (isSharedDevice()) return;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(profile));
  } catch {
    // Storage can be full or disabled; remembering the name is a convenience, not a requirement.
  }
}
