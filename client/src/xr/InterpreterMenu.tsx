import { Container } from "@react-three/uikit";
import { isLanguage } from "../../../shared/voice/interpreter-channels.ts";
import { useT } from "../app/i18n.tsx";
import { selectSelf, useHallStore } from "../net/hall-store.ts";
import { interpretInto, setInterpreterLive } from "../net/participant-actions.ts";
import { MenuButton } from "./MenuButton.tsx";

/** The hand menu's booth switch for an interpreter in a headset: the language into, and live or off the air. */
export function InterpreterMenu() {
  const t = useT();
  const self = useHallStore(selectSelf);
  if (!self) return null;
  return (
    <Container flexDirection="row" gap={10}>
      {self.interpreterLanguages.filter(isLanguage).map((language) => (
        <MenuButton
          key={language}
          name={`interpret-into-${language}`}
          onPress={() => interpretInto(language)}
          accent={self.interpreting === language}
        >
          {t("interpreter.into", { language: t(`language.${language}`) })}
        </MenuButton>
      ))}
      <MenuButton
        name="interpreter-live"
        onPress={() => setInterpreterLive(!self.interpreterLive)}
        disabled={self.interpreting === ""}
        danger={self.interpreterLive}
      >
        {self.interpreterLive ? t("interpreter.goOff") : t("interpreter.goLive")}
      </MenuButton>
    </Container>
  );
}
