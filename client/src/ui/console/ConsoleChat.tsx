import { useId, useState } from "react";
import { useT } from "../../app/i18n.tsx";
import { hideChat } from "../../net/consultation-requests.ts";
import { useConsultation } from "../../net/consultation-store.ts";
import { ReasonDialog } from "../ReasonDialog.tsx";

/** The room's chat as the facilitator sees it: every visible message, each with Hide (asks for a reason, audited). */
export function ConsoleChat() {
  const t = useT();
  const id = useId();
  const messages = useConsultation((state) => state.chat);
  const [hiding, setHiding] = useState<string | null>(null);
  const target = messages.find((message) => message.id === hiding);

  return (
    <section className="console__section" aria-labelledby={`${id}-chat`} data-testid="console-chat">
      <h2 id={`${id}-chat`}>{t("chat.heading", { count: messages.length })}</h2>
      {messages.length === 0 ? (
        <p className="console__empty">{t("chat.empty")}</p>
      ) : (
        <ul className="console__ideas" role="log" aria-live="polite">
          {messages.map((message) => (
            <li key={message.id} className="console__idea" data-testid="console-chat-message">
              <span>
                <strong>{message.authorName}:</strong> {message.text}
              </span>
              <div className="console__row">
                <button
                  type="button"
                  className="button button--small"
                  data-testid="chat-hide"
                  aria-label={t("chat.hideLabel", { name: message.authorName, text: message.text })}
                  onClick={() => setHiding(message.id)}
                >
                  {t("chat.hide")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {hiding && (
        <ReasonDialog
          heading={t("chat.hideHeading")}
          explanation={target ? `${target.authorName}: ${target.text}` : ""}
          label={t("console.hideReason")}
          confirmLabel={t("chat.hide")}
          danger
          testId="hide-chat-dialog"
          onConfirm={(reason) => {
            void hideChat(hiding, reason);
            setHiding(null);
          }}
          onCancel={() => setHiding(null)}
        />
      )}
    </section>
  );
}
