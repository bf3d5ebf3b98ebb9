import { useFrame } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import {
  BufferAttribute,
  BufferGeometry,
  Line,
  LineBasicMaterial,
  type Mesh,
  MeshBasicMaterial,
  RingGeometry,
} from "three";
import { locomotion } from "./xr-frame.ts";

const GO = 0x4cd37a;
const SIT = 0xf2c14e;
const REFUSED = 0xe5484d;

/** The arc while aiming a teleport: green to open floor, gold to a seat, red where one may not go. */
export function TeleportArc() {
  const line = useMemo(() => {
    const geometry = new BufferGeometry();
    geometry.setAttribute("position", new BufferAttribute(locomotion.arc, 3));
    const arc = new Line(geometry, new LineBasicMaterial({ color: GO, depthTest: false, transparent: true }));
    arc.frustumCulled = false;
    arc.renderOrder = 10;
    return arc;
  }, []);
  const markerMaterial = useMemo(
    () => new MeshBasicMaterial({ color: GO, transparent: true, opacity: 0.9, depthTest: false }),
    [],
  );
  const markerGeometry = useMemo(() => new RingGeometry(0.18, 0.26, 32).rotateX(-Math.PI / 2), []);
  const marker = useRef<Mesh>(null);

  useEffect(
    () => () => {
      line.geometry.dispose();
      (line.material as LineBasicMaterial).dispose();
      markerMaterial.dispose();
      markerGeometry.dispose();
    },
    [line, markerMaterial, markerGeometry],
  );

  useFrame(() => {
    const { aiming, aim } = locomotion;
    line.visible = aiming;
    if (marker.current) marker.current.visible = aiming && aim.landed;
    if (!aiming) return;
    const colour = aim.verdict === "floor" ? GO : aim.verdict === "seat" ? SIT : REFUSED;
    (line.material as LineBasicMaterial).color.setHex(colour);
    markerMaterial.color.setHex(colour);
    line.geometry.setDrawRange(0, aim.count);
    (line.geometry.attributes.position as BufferAttribute).needsUpdate = true;
    if (marker.current) {
      if (aim.seat) marker.current.position.set(aim.seat.x, aim.y + 0.02, aim.seat.z);
      else marker.current.position.set(aim.x, aim.y + 0.02, aim.z);
    }
  });

  return (
    <>
      <primitive object={line} />
      <mesh
        ref={marker}
        geometry={markerGeometry}
        material={markerMaterial}
        renderOrder={11}
        visible={false}
      />
    </>
  );
}
