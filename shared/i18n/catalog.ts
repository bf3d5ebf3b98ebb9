import type { en } from "./en.ts";

/** English is the reference catalog: every other language must have exactly its keys. */
export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;
