import { useFrame } from "@react-three/fiber";
import { Container, Text } from "@react-three/uikit";
import { useRef } from "react";
import { type Group, Vector3 } from "three";
import { useT } from "../app/i18n.tsx";
import { useHallStore } from "../net/hall-store.ts";
import { drawnConnectionBanner } from "./drawn-menus.ts";
import { vrFontFamilies } from "./vr-font.ts";
import { body } from "./xr-frame.ts";
import { useXrPresence } from "./xr-presence.ts";

const PIXEL = 0.0015;
/** Where the banner floats in the head's own frame: ahead and a little below the line of sight. */
const AHEAD = new Vector3(0, -0.18, -0.9);
const offset = new Vector3();

/**
 * In a headset the 2D overlay is out of sight, so "Reconnecting…" (or "the server is restarting")
 * floats in front of the eyes while the hall connection is away, and goes when it is back.
 */
export function ConnectionBanner() {
  const session = useXrPresence((state) => state.session);
  const t = useT();
  const anchor = useRef<Group>(null);
  const status = useHallStore((state) => state.status);
  const restarting = useHallStore((state) => state.restarting);
  const shown = !!session && (status === "reconnecting" || restarting);

  useFrame(() => {
    const group = anchor.current;
    drawnConnectionBanner.visible = !!group && shown && body.head.tracked;
    if (!group) return;
    group.visible = drawnConnectionBanner.visible;
    if (!group.visible) return;
    const { position, rotation } = body.head;
    offset.copy(AHEAD).applyQuaternion(rotation);
    group.position.set(position.x + offset.x, position.y + offset.y, position.z + offset.z);
    group.quaternion.copy(rotation);
  });

  if (!shown) {
    drawnConnectionBanner.visible = false;
    return null;
  }
  return (
    <group ref={anchor} visible={false}>
      <Container
        pixelSize={PIXEL}
        fontFamilies={vrFontFamilies}
        paddingX={24}
        paddingY={14}
        borderRadius={16}
        backgroundColor="#1b1b1f"
        borderWidth={2}
        borderColor="#ffd27a"
      >
        <Text fontSize={22} color="#e8e6e1" maxWidth={560}>
          {t(restarting ? "hall.restarting" : "hall.reconnecting")}
        </Text>
      </Container>
    </group>
  );
}
