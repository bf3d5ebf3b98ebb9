import { Container, Text } from "@react-three/uikit";
import { useState } from "react";
import { useT } from "../app/i18n.tsx";
import { MenuButton } from "./MenuButton.tsx";
import { EMPTY_DRAFT, type KeyPress, keyRows, pressKey } from "./virtual-keyboard.ts";

const KEY_FONT = 18;

export interface VirtualKeyboardProps {
  /** Longest text the keys will type, in characters. */
  readonly max: number;
  readonly submitLabel: string;
  /** Sends the text; resolves true when the room acknowledged it, and the draft is cleared. */
  readonly onSubmit: (text: string) => Promise<boolean>;
}

/**
 * A text field with its own keys, on a page of the hand menu: a key grid (letters; digits, symbols and
 * punctuation; or accented letters), shift, space, delete and the submit button, all pressed by a ray or
 * a pinch. Buttons are named `key-<character>`, `key-shift`, `key-layer`, `key-accents`, `key-space`,
 * `key-delete`, `key-submit`.
 */
export function VirtualKeyboard({ max, submitLabel, onSubmit }: VirtualKeyboardProps) {
  const t = useT();
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [sending, setSending] = useState(false);
  const press = (key: KeyPress) => setDraft((current) => pressKey(current, key, max));
  const empty = draft.text.trim() === "";

  const submit = async () => {
    if (empty || sending) return;
    setSending(true);
    const sent = await onSubmit(draft.text);
    setSending(false);
    if (sent) setDraft(EMPTY_DRAFT);
  };

  return (
    <>
      <Container backgroundColor="#0f0f12" borderRadius={10} paddingX={12} paddingY={10}>
        <Text fontSize={18} color={draft.text ? "#ffffff" : "#8a8a92"}>
          {draft.text ? `${draft.text}|` : t("vr.draftEmpty")}
        </Text>
      </Container>
      {keyRows(draft).map((row) => (
        <Container key={row.join("")} flexDirection="row" gap={4}>
          {row.map((char) => (
            <MenuButton
              key={char}
              name={`key-${char}`}
              fontSize={KEY_FONT}
              onPress={() => press({ kind: "char", char })}
            >
              {char}
            </MenuButton>
          ))}
        </Container>
      ))}
      <Container flexDirection="row" gap={4}>
        <MenuButton
          name="key-shift"
          fontSize={KEY_FONT}
          accent={draft.shift}
          onPress={() => press({ kind: "shift" })}
        >
          {t("vr.keyShift")}
        </MenuButton>
        <MenuButton name="key-layer" fontSize={KEY_FONT} onPress={() => press({ kind: "layer" })}>
          {draft.layer === "letters" ? t("vr.keyMore") : t("vr.keyLetters")}
        </MenuButton>
        <MenuButton
          name="key-accents"
          fontSize={KEY_FONT}
          accent={draft.layer === "accents"}
          onPress={() => press({ kind: "accents" })}
        >
          {t("vr.keyAccents")}
        </MenuButton>
        <MenuButton name="key-space" fontSize={KEY_FONT} onPress={() => press({ kind: "space" })}>
          {t("vr.keySpace")}
        </MenuButton>
        <MenuButton name="key-delete" fontSize={KEY_FONT} onPress={() => press({ kind: "delete" })}>
          {t("vr.keyDelete")}
        </MenuButton>
      </Container>
      <MenuButton name="key-submit" accent disabled={empty || sending} onPress={() => void submit()}>
        {submitLabel}
      </MenuButton>
    </>
  );
}
