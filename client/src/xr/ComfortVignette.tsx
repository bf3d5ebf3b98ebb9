import { useFrame } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import { type Group, MeshBasicMaterial, RingGeometry } from "three";
import { body, locomotion } from "./xr-frame.ts";

/** The vignette's opacity as last drawn (0 when hidden), for the test hook. */
export const drawnVignette = { opacity: 0 };

/** Darkens the edge of sight while turning or walking smoothly, which keeps most people comfortable. */
export function ComfortVignette() {
  const group = useRef<Group>(null);
  const geometry = useMemo(() => new RingGeometry(0.085, 0.6, 48), []);
  const material = useMemo(
    () =>
      new MeshBasicMaterial({
        color: "#000000",
        transparent: true,
        opacity: 0,
        depthTest: false,
        depthWrite: false,
      }),
    [],
  );
  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
      drawnVignette.opacity = 0;
    },
    [geometry, material],
  );
  useFrame(() => {
    const root = group.current;
    if (!root) return;
    root.visible = locomotion.vignette > 0.02 && body.head.tracked;
    drawnVignette.opacity = root.visible ? 0.9 * locomotion.vignette : 0;
    if (!root.visible) return;
    material.opacity = drawnVignette.opacity;
    const { position, rotation } = body.head;
    root.position.set(position.x, position.y, position.z);
    root.quaternion.copy(rotation);
  });
  return (
    <group ref={group} visible={false}>
      <mesh geometry={geometry} material={material} position={[0, 0, -0.1]} renderOrder={20} />
    </group>
  );
}
