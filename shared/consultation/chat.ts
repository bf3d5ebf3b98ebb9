/**
 * The room's text chat: short messages anyone but observers may write, read by everyone in the hall,
 * on every device. A facilitator may hide a message with a reason (audited); it then leaves everyone's
 * view but stays in the store, marked hidden.
 */

export const CHAT_TEXT_MAX = 500;
/** Messages one person may send within `CHAT_WINDOW_MS`; more are refused with `rate_limited`. */
export const CHAT_BURST = 5;
export const CHAT_WINDOW_MS = 10_000;
/** Visible messages kept in the room state; older ones stay in the store only. */
export const CHAT_STATE_LIMIT = 100;

/** Line breaks and tabs become spaces; other control, format (bidi, zero-width), private-use and unassigned code points go. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/gu;

export interface ChatMessage {
  readonly id: string;
  readonly text: string;
  readonly authorId: string | undefined;
  readonly createdAt: number;
  readonly hidden: boolean;
  readonly hiddenReason: string | undefined;
}

export type ChatRefusal =
  | "invalid_chat_message"
  | "unknown_chat_message"
  | "chat_message_hidden"
  | "rate_limited";

/**
 * The message as it will be shown: NFC-normalised, invisible characters stripped, whitespace collapsed,
 * trimmed, 1 to `CHAT_TEXT_MAX` characters; or `invalid_chat_message`.
 */
export function checkChatText(
  raw: string,
): { ok: true; text: string } | { ok: false; code: "invalid_chat_message" } {
  const text = raw.normalize("NFC").replace(BREAKS, " ").replace(INVISIBLE, "").replace(/\s+/gu, " ").trim();
  const length = [...text].length;
  return length === 0 || length > CHAT_TEXT_MAX
    ? { ok: false, code: "invalid_chat_message" }
    : { ok: true, text };
}

/**
 * Whether someone who sent messages at `recent` (epoch ms) may send one more at `now`: at most
 * `CHAT_BURST` within any `CHAT_WINDOW_MS`. Returns the send times to remember when allowed.
 */
export function checkChatRate(
  recent: readonly number[],
  now: number,
): { ok: true; recent: number[] } | { ok: false; code: "rate_limited" } {
  const inWindow = recent.filter((at) => now - at < CHAT_WINDOW_MS);
  if (inWindow.length >= CHAT_BURST) return { ok: false, code: "rate_limited" };
  return { ok: true, recent: [...inWindow, now] };
}

export function newChatMessage(id: string, text: string, authorId: string, now: number): ChatMessage {
  return { id, text, authorId, createdAt: now, hidden: false, hiddenReason: undefined };
}

/** Hides a visible message; the reason goes to the audit log. */
export function hideChatMessage(
  message: ChatMessage | undefined,
  reason: string,
): { ok: true; message: ChatMessage } | { ok: false; code: ChatRefusal } {
  if (!message) return { ok: false, code: "unknown_chat_message" };
  if (message.hidden) return { ok: false, code: "chat_message_hidden" };
  return { ok: true, message: { ...message, hidden: true, hiddenReason: reason } };
}

/** The newest `limit` visible messages, oldest first (what the room state holds). */
export function latestVisible<T extends Pick<ChatMessage, "hidden">>(
  messages: readonly T[],
  limit: number,
): T[] {
  const visible = messages.filter((message) => !message.hidden);
  return visible.slice(Math.max(0, visible.length - limit));
}
