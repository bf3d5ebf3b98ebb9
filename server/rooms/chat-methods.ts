/**
 * The room's text chat, beside the other consultation methods: a message is checked (text, rate),
 * stored, and only then shown and acknowledged; a facilitator's hide is stored and audited before the
 * message leaves everyone's view. The state holds the newest visible messages only.
 */
import {
  CHAT_STATE_LIMIT,
  checkChatRate,
  checkChatText,
  hideChatMessage,
  newChatMessage,
} from "../../shared/consultation/chat.ts";
import { checkReason } from "../../shared/consultation/moderation.ts";
import { ChatMessageState, type Participant } from "../../shared/state/town-hall-state.ts";
import { newId } from "../auth/secrets.ts";
import type { StoredChatMessage } from "../store/method-records.ts";
import type { MethodHost } from "./consultation-methods.ts";
import { refused } from "./method-refusal.ts";

export class ChatMethods {
  readonly #host: MethodHost;
  /** Send times per participant, for the rate limit. */
  readonly #recent = new Map<string, number[]>();
  #visible: StoredChatMessage[] = [];

  constructor(host: MethodHost) {
    this.#host = host;
  }

  get #id(): string {
    return this.#host.state.consultation.id;
  }

  async restore(): Promise<void> {
    this.#visible = await this.#host.store.listChatMessages(this.#id, CHAT_STATE_LIMIT);
    this.#sync();
  }

  async send(actor: Participant, raw: string): Promise<{ messageId: string }> {
    const text = checkChatText(raw);
    if (!text.ok) refused(text.code);
    const now = this.#host.now();
    const rate = checkChatRate(this.#recent.get(actor.id) ?? [], now);
    if (!rate.ok) refused(rate.code);
    const message = { ...newChatMessage(newId(), text.text, actor.id, now), authorName: actor.name };
    await this.#host.store.addChatMessage(this.#id, message);
    this.#recent.set(actor.id, rate.recent);
    this.#visible.push(message);
    if (this.#visible.length > CHAT_STATE_LIMIT) this.#visible.shift();
    this.#host.state.chat.push(this.#stateOf(message));
    if (this.#host.state.chat.length > CHAT_STATE_LIMIT) this.#host.state.chat.shift();
    return { messageId: message.id };
  }

  async hide(actor: Participant, messageId: string, rawReason: string): Promise<undefined> {
    const reason = checkReason(rawReason);
    if (!reason.ok) refused(reason.code);
    const found = await this.#host.store.findChatMessage(this.#id, messageId);
    const result = hideChatMessage(found, reason.text);
    if (!result.ok) refused(result.code);
    await this.#host.store.hideChatMessage(messageId, reason.text);
    await this.#host.audit(actor.id, "hide_chat", result.message.authorId, reason.text);
    // An older message moves up into the window the hidden one leaves.
    this.#visible = await this.#host.store.listChatMessages(this.#id, CHAT_STATE_LIMIT);
    this.#sync();
    return undefined;
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
    const chat = this.#host.state.chat;
    chat.clear();
    chat.push(...this.#visible.map((message) => this.#stateOf(message)));
  }
}
