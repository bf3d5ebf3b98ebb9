import { Text } from "@react-three/drei";
import interFontUrl from "../../../assets/fonts/Inter-SemiBold.ttf?url";
import { SCREEN } from "../../../shared/hall/hall-geometry.ts";

/** The footer sits high enough that the podium does not hide it from the seats. */
const FOOTER_Y = -SCREEN.height / 2 + 1.45;

export interface StageScreenProps {
  readonly title: string;
  readonly caption: string;
  readonly footer: string;
}

/** The big screen behind the stage, showing what the consultation is about. */
export function StageScreen({ title, caption, footer }: StageScreenProps) {
  const z = SCREEN.z + 0.03;
  return (
    <group position={[0, SCREEN.centerY, z]}>
      <mesh>
        <planeGeometry args={[SCREEN.width, SCREEN.height]} />
        <meshBasicMaterial color="#183554" />
      </mesh>
      <mesh position={[0, FOOTER_Y, 0.005]}>
        <planeGeometry args={[SCREEN.width * 0.6, 0.7]} />
        <meshBasicMaterial color="#0f2236" />
      </mesh>
      <Text
        font={interFontUrl}
        position={[0, 1.95, 0.01]}
        fontSize={0.32}
        color="#f2c14e"
        letterSpacing={0.2}
      >
        {caption}
      </Text>
      <Text
        font={interFontUrl}
        position={[0, 0.55, 0.01]}
        fontSize={0.62}
        color="#ffffff"
        maxWidth={SCREEN.width - 1.2}
        textAlign="center"
        lineHeight={1.15}
      >
        {title}
      </Text>
      <Text font={interFontUrl} position={[0, FOOTER_Y, 0.01]} fontSize={0.36} color="#d5e4f2">
        {footer}
      </Text>
    </group>
  );
}
