import { useEffect, useId, useRef, useState } from "react";
import { CHAT_TEXT_MAX } from "../../../../shared/consultation/chat.ts";
import { isClosed } from "../../../../shared/consultation/closing.ts";
import { can } from "../../../../shared/consultation/permissions.ts";
import { useT } from "../../app/i18n.tsx";
import { sendChat } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { selectSelf, useHallStore } from "../../net/hall-store.ts";
import { FoldButton, type FoldProps } from "../FoldButton.tsx";

/**
 * The room's text chat in the overlay, the same on a computer and a phone: the newest messages in a
 * log that screen readers announce, and a field that sends with Enter. Observers, and everyone once the
 * consultation is closed, read only. Refusals (too long, too fast) arrive as the room's error toasts;
 * the text then stays in the field.
 */
export function ChatPanel({ open, onToggle }: FoldProps) {
  const id = useId();
  const heading = useChatHeading();
  return (
    <section className="panel chat-panel" aria-labelledby={`${id}-toggle`} data-testid="chat-panel">
      <FoldButton
        id={`${id}-toggle`}
        testId="chat-toggle"
        open={open}
        onToggle={onToggle}
        controls={`${id}-body`}
      >
        {heading}
      </FoldButton>
      <ChatBody id={`${id}-body`} hidden={!open} />
    </section>
  );
}

/** The chat's heading, with how many messages there are. */
export function useChatHeading(): string {
  const t = useT();
  const count = useConsultation((state) => state.chat.length);
  return t("chat.heading", { count });
}

/** The chat's log and the field that writes in it. */
export function ChatBody({
  id: bodyId,
  hidden = false,
}: {
  readonly id?: string;
  readonly hidden?: boolean;
}) {
  const t = useT();
  const id = useId();
  const messages = useConsultation((state) => state.chat);
  const role = useHallStore((state) => selectSelf(state)?.role ?? "observer");
  const closed = useConsultation((state) => isClosed(state.phase));
  const canWrite = !closed && can(role, "chat");
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const log = useRef<HTMLDivElement>(null);
  const length = [...text].length;
  const valid = text.trim().length > 0 && length <= CHAT_TEXT_MAX;
  const newest = messages.at(-1)?.id;

  useEffect(() => {
    if (newest !== undefined && log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [newest]);

  const submit = async () => {
    setSending(true);
    const answer = await sendChat(text);
    setSending(false);
    if (answer.ok) setText("");
  };

  return (
    <div id={bodyId} className="chat-panel__body" hidden={hidden}>
      <div
        ref={log}
        className="chat-panel__log"
        role="log"
        aria-live="polite"
        aria-label={t("chat.log")}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus to scroll by keyboard.
        tabIndex={0}
      >
        {messages.length === 0 ? (
          <p className="console__empty">{t("chat.empty")}</p>
        ) : (
          <ul className="chat-panel__list">
            {messages.map((message) => (
              <li key={message.id} className="chat-panel__message" data-testid="chat-message">
                <span className="chat-panel__author">{message.authorName}:</span> {message.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      {canWrite ? (
        <form
          className="chat-panel__form"
          onSubmit={(event) => {
            event.preventDefault();
            if (valid && !sending) void submit();
          }}
        >
          <label htmlFor={`${id}-text`} className="visually-hidden">
            {t("chat.label")}
          </label>
          <input
            id={`${id}-text`}
            data-testid="chat-text"
            type="text"
            autoComplete="off"
            enterKeyHint="send"
            placeholder={t("chat.label")}
            value={text}
            aria-invalid={length > CHAT_TEXT_MAX || undefined}
            onChange={(event) => setText(event.target.value)}
          />
          <button
            type="submit"
            className="button button--primary button--small"
            data-testid="chat-send"
            disabled={!valid || sending}
          >
            {t("chat.send")}
          </button>
        </form>
      ) : (
        <p className="console__empty" data-testid="chat-read-only">
          {t(closed ? "chat.closed" : "chat.readOnly")}
        </p>
      )}
    </div>
  );
}
