/**
 * The room's text chat: a message is checked (text, rate), stored, and only then shown and acknowledged;
 * a facilitator's hide is stored with its audit entry before the message leaves everyone's view. The
 * state holds the newest visible messages only.
 */
import {
  CHAT_STATE_LIMIT,
  checkChatRate,
  checkChatText,
  hideChatMessage,
  newChatMessage,
} from "../../shared/consultation/chat.ts";
import { checkReason } from "../../shared/consultation/moderation.ts";
import { ChatMessageState } from "../../shared/state/town-hall-state.ts";
import { newId } from "../auth/secrets.ts";
import type { StoredChatMessage } from "../store/method-records.ts";
import { auditEntry, type HallContext } from "./hall-context.ts";
import { refused } from "./refusal.ts";

export class ChatCommands {
  readonly #hall: HallContext;
  /** Send times per participant, for the rate limit. */
  readonly #recent = new Map<string, number[]>();
  #visible: StoredChatMessage[] = [];

  constructor(hall: HallContext) {
    this.#hall = hall;
  }

  get #id(): string {
    return this.#hall.state.consultation.id;
  }

  async restore(): Promise<void> {
    this.#visible = await this.#hall.store.listChatMessages(this.#id, CHAT_STATE_LIMIT);
    this.#sync();
  }

  get requests() {
    const hall = this.#hall;
    const { pipeline, state, store } = hall;
    return {
      chat_send: pipeline.request("chat_send", "chat", async (actor, message) => {
        const text = checkChatText(message.text);
        if (!text.ok) refused(text.code);
        const now = hall.now();
        const rate = checkChatRate(this.#recent.get(actor.id) ?? [], now);
        if (!rate.ok) refused(rate.code);
        const sent = { ...newChatMessage(newId(), text.text, actor.id, now), authorName: actor.name };
        await store.addChatMessage(this.#id, sent);
        this.#recent.set(actor.id, rate.recent);
        this.#visible.push(sent);
        if (this.#visible.length > CHAT_STATE_LIMIT) this.#visible.shift();
        state.chat.push(this.#stateOf(sent));
        if (state.chat.length > CHAT_STATE_LIMIT) state.chat.shift();
        return { messageId: sent.id };
      }),
      chat_hide: pipeline.request("chat_hide", "hide_chat", async (actor, message) => {
        const reason = checkReason(message.reason);
        if (!reason.ok) refused(reason.code);
        const found = await store.findChatMessage(this.#id, message.messageId);
        const result = hideChatMessage(found, reason.text);
        if (!result.ok) refused(result.code);
        // An older message moves up into the window the hidden one leaves.
        this.#visible = await store.transaction(async (tx) => {
          await tx.hideChatMessage(message.messageId, reason.text);
          await tx.appendAudit(auditEntry(hall, actor.id, "hide_chat", result.message.authorId, reason.text));
          return tx.listChatMessages(this.#id, CHAT_STATE_LIMIT);
        });
        this.#sync();
        return undefined;
      }),
    };
  }

  #stateOf(message: StoredChatMessage): ChatMessageState {
    const state = new ChatMessageState();
    Object.assign(state, {
      id: message.id,
      authorId: message.authorId ?? "",
      authorName: message.authorName,
      text: message.text,
      createdAt: message.createdAt,
    });
    return state;
  }

  #sync(): void {
    const chat = this.#hall.state.chat;
    chat.clear();
    chat.push(...this.#visible.map((message) => this.#stateOf(message)));
  }
}
