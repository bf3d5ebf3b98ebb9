import { Billboard, Text } from "@react-three/drei";
import interFontUrl from "../../../assets/fonts/Inter-SemiBold.ttf?url";
import { INTERPRETER_BOOTH } from "../../../shared/hall/hall-geometry.ts";
import { isLanguage } from "../../../shared/voice/interpreter-channels.ts";
import { useT } from "../app/i18n.tsx";
import { useHallStore } from "../net/hall-store.ts";

const LINE_HEIGHT = 0.22;

/** Over the interpreters' booth, one small mark per live channel: "Interpreting into French". */
export function BoothMark() {
  const t = useT();
  const channels = useHallStore((state) =>
    state.participants
      .filter((participant) => participant.interpreterLive && isLanguage(participant.interpreting))
      .map((participant) => participant.interpreting)
      .sort()
      .join(" "),
  );
  if (channels === "") return null;
  const { minX, maxX, maxZ, height } = INTERPRETER_BOOTH;
  return (
    <Billboard position={[(minX + maxX) / 2, height + 0.35, maxZ]}>
      {channels.split(" ").map((language, line) =>
        isLanguage(language) ? (
          <Text
            key={language}
            font={interFontUrl}
            fontSize={0.16}
            color="#f2c14e"
            outlineWidth={0.014}
            outlineColor="#1b1b1f"
            anchorY="bottom"
            position={[0, line * LINE_HEIGHT, 0]}
          >
            {t(`mark.into.${language}`)}
          </Text>
        ) : null,
      )}
    </Billboard>
  );
}
