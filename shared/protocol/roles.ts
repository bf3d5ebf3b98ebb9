/**
 * `co_facilitator` is a citizen promoted in the room; `facilitator` comes only from the facilitator link;
 * `interpreter` is given by a facilitator with a pair of languages (`assign_interpreter`).
 */
export const ROLES = ["facilitator", "co_facilitator", "citizen", "observer", "interpreter"] as const;
export type Role = (typeof ROLES)[number];

export const DEVICE_KINDS = ["desktop", "phone", "headset"] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const LANGUAGES = ["en", "nl", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];
