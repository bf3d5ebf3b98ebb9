import { Container, Text } from "@react-three/uikit";
import type { ReactNode } from "react";
import type { Object3D } from "three";
import { menuHover, menuTargets } from "./menu-targets.ts";

export interface MenuButtonProps {
  /** Names the button for the test hook (`xrMenuTarget`) and hover tracking; unique among visible buttons. */
  readonly name: string;
  readonly onPress: () => void;
  readonly children: ReactNode;
  readonly accent?: boolean;
  readonly danger?: boolean;
  /** Shown greyed out; pressing it does nothing. */
  readonly disabled?: boolean;
  readonly fontSize?: number;
}

/** A button of the headset menus, pressed by a controller ray's trigger or a hand's pinch. */
export function MenuButton({
  name,
  onPress,
  children,
  accent,
  danger,
  disabled,
  fontSize = 20,
}: MenuButtonProps) {
  const register = (object: Object3D | null) => {
    if (object) menuTargets.set(name, object);
    else menuTargets.delete(name);
  };
  const colour = disabled ? "#26262b" : danger ? "#8f2430" : accent ? "#2f6f4f" : "#33333b";
  const hover = disabled ? colour : danger ? "#b33340" : accent ? "#3b8c63" : "#4a4a55";
  return (
    <Container
      ref={register}
      flexGrow={1}
      flexBasis={0}
      paddingY={14}
      paddingX={12}
      borderRadius={12}
      backgroundColor={colour}
      hover={{ backgroundColor: hover }}
      alignItems="center"
      justifyContent="center"
      cursor={disabled ? "default" : "pointer"}
      // Pressed and released on the same button is a press, however slowly (no click time limit).
      onPointerDown={() => {
        menuHover.pressed = name;
      }}
      onPointerUp={() => {
        if (menuHover.pressed === name && !disabled) onPress();
        menuHover.pressed = "";
      }}
      onPointerOver={() => {
        menuHover.name = name;
      }}
      onPointerOut={() => {
        if (menuHover.name === name) menuHover.name = "";
      }}
    >
      <Text fontSize={fontSize} color={disabled ? "#8a8a92" : "#ffffff"} textAlign="center">
        {children}
      </Text>
    </Container>
  );
}
