import { Text } from "@react-three/uikit";
import { CHAT_TEXT_MAX } from "../../../shared/consultation/chat.ts";
import { isClosed } from "../../../shared/consultation/closing.ts";
import { useT } from "../app/i18n.tsx";
import { sendChat } from "../net/consultation-requests.ts";
import { useConsultation } from "../net/consultation-store.ts";
import { VirtualKeyboard } from "./VirtualKeyboard.tsx";

/** Messages shown on the wrist; the overlay and the console show the whole log. */
const SHOWN = 5;
/** A long message is cut on the wrist so the menu keeps its size. */
const SHOWN_CHARACTERS = 120;

function shortened(text: string): string {
  const characters = [...text];
  return characters.length > SHOWN_CHARACTERS ? `${characters.slice(0, SHOWN_CHARACTERS).join("")}…` : text;
}

/**
 * The room's chat as a page of the hand menu: the newest messages, and for those who may write, the
 * headset keyboard with Send (the same `chat_send` request as the overlay's field).
 */
export function ChatPage({ canWrite }: { readonly canWrite: boolean }) {
  const t = useT();
  const messages = useConsultation((state) => state.chat);
  const closed = useConsultation((state) => isClosed(state.phase));
  return (
    <>
      <Text fontSize={16} color="#f2c14e">
        {t("chat.heading", { count: messages.length })}
      </Text>
      {messages.length === 0 ? (
        <Text fontSize={16} color="#b9b6ae">
          {t("chat.empty")}
        </Text>
      ) : (
        messages.slice(-SHOWN).map((message) => (
          <Text key={message.id} fontSize={16} color="#e8e6e1">
            {`${message.authorName}: ${shortened(message.text)}`}
          </Text>
        ))
      )}
      {canWrite ? (
        <VirtualKeyboard
          max={CHAT_TEXT_MAX}
          submitLabel={t("chat.send")}
          onSubmit={async (text) => (await sendChat(text)).ok}
        />
      ) : (
        <Text fontSize={16} color="#b9b6ae">
          {t(closed ? "chat.closed" : "chat.readOnly")}
        </Text>
      )}
    </>
  );
}
