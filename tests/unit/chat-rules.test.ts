import { describe, expect, it } from "vitest";
import {
  CHAT_BURST,
  CHAT_TEXT_MAX,
  CHAT_WINDOW_MS,
  checkChatRate,
  checkChatText,
  hideChatMessage,
  latestVisible,
  newChatMessage,
} from "../../shared/consultation/chat.ts";
import { can } from "../../shared/consultation/permissions.ts";
import { ConsultationMessages } from "../../shared/protocol/consultation-messages.ts";

describe("chat text", () => {
  it("is trimmed, collapsed and stripped of control, bidi and zero-width characters", () => {
    expect(checkChatText("  hello \n\n world\t ")).toEqual({ ok: true, text: "hello world" });
    expect(checkChatText("a\u202Eevil\u202C b\u200Bc\u0007")).toEqual({ ok: true, text: "aevil bc" });
    expect(checkChatText("cafe\u0301")).toEqual({ ok: true, text: "café" });
  });

  it("has 1 to 500 characters, counted as characters, not UTF-16 units", () => {
    expect(checkChatText("")).toEqual({ ok: false, code: "invalid_chat_message" });
    expect(checkChatText(" \u200B\u202E ")).toEqual({ ok: false, code: "invalid_chat_message" });
    expect(checkChatText("x".repeat(CHAT_TEXT_MAX)).ok).toBe(true);
    expect(checkChatText("x".repeat(CHAT_TEXT_MAX + 1))).toEqual({ ok: false, code: "invalid_chat_message" });
    expect(checkChatText("🙂".repeat(CHAT_TEXT_MAX)).ok).toBe(true);
  });
});

describe("chat rate", () => {
  it(`allows ${CHAT_BURST} messages within ${CHAT_WINDOW_MS} ms, then refuses until the window moves on`, () => {
    let recent: number[] = [];
    for (let i = 0; i < CHAT_BURST; i++) {
      const check = checkChatRate(recent, 1000 + i);
      if (!check.ok) throw new Error(`message ${i + 1} refused`);
      recent = check.recent;
    }
    expect(checkChatRate(recent, 2000)).toEqual({ ok: false, code: "rate_limited" });
    expect(checkChatRate(recent, 1000 + CHAT_WINDOW_MS - 1).ok).toBe(false);
    const later = checkChatRate(recent, 1000 + CHAT_WINDOW_MS);
    expect(later.ok && later.recent.length).toBe(CHAT_BURST);
  });
});

describe("hiding a chat message", () => {
  const message = newChatMessage("m1", "hello", "p1", 5);

  it("marks it hidden with the reason, once", () => {
    const hidden = hideChatMessage(message, "off topic");
    expect(hidden).toEqual({ ok: true, message: { ...message, hidden: true, hiddenReason: "off topic" } });
    if (!hidden.ok) return;
    expect(hideChatMessage(hidden.message, "again")).toEqual({ ok: false, code: "chat_message_hidden" });
    expect(hideChatMessage(undefined, "x")).toEqual({ ok: false, code: "unknown_chat_message" });
  });

  it("leaves the newest visible messages for the room state", () => {
    const list = [1, 2, 3, 4, 5].map((n) => ({ id: String(n), hidden: n === 4 }));
    expect(latestVisible(list, 3).map((m) => m.id)).toEqual(["2", "3", "5"]);
    expect(latestVisible(list, 10).map((m) => m.id)).toEqual(["1", "2", "3", "5"]);
  });
});

describe("who may chat", () => {
  it("lets everyone but observers write, and only facilitators hide", () => {
    expect(["facilitator", "co_facilitator", "citizen", "observer"].map((r) => can(r, "chat"))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(["facilitator", "co_facilitator", "citizen", "observer"].map((r) => can(r, "hide_chat"))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it("accepts only the exact message shapes", () => {
    expect(ConsultationMessages.chat_send.safeParse({ text: "hi" }).success).toBe(true);
    expect(ConsultationMessages.chat_send.safeParse({ text: "hi", authorId: "x" }).success).toBe(false);
    expect(ConsultationMessages.chat_send.safeParse({ text: 5 }).success).toBe(false);
    expect(ConsultationMessages.chat_hide.safeParse({ messageId: "m", reason: "r" }).success).toBe(true);
    expect(ConsultationMessages.chat_hide.safeParse({ messageId: "m" }).success).toBe(false);
  });
});
