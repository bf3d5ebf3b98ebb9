import type { ThreeEvent } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { Color, type InstancedMesh, Matrix4, MeshLambertMaterial, Quaternion, Vector3 } from "three";
import { SEATS } from "../../../shared/hall/hall-geometry.ts";
import { requestSeat } from "./player-motion.ts";
import { buildSeatGeometry } from "./seat-model.ts";

const FABRIC = new Color("#9b2d3a");
const HIGHLIGHT = new Color("#e3a63a");
/** A press that moved further than this (in pixels) was a look-around drag, not a click on a seat. */
const CLICK_TOLERANCE_PX = 6;
const UP = new Vector3(0, 1, 0);

/** Every seat in the hall as one instanced mesh; pointing at a seat lights it, clicking asks to sit there. */
export function Seats() {
  const mesh = useRef<InstancedMesh>(null);
  const hovered = useRef(-1);
  const geometry = useMemo(buildSeatGeometry, []);
  const material = useMemo(() => new MeshLambertMaterial({ color: "#ffffff" }), []);

  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );

  useLayoutEffect(() => {
    const seats = mesh.current;
    if (!seats) return;
    const matrix = new Matrix4();
    const rotation = new Quaternion();
    const position = new Vector3();
    const scale = new Vector3(1, 1, 1);
    for (const seat of SEATS) {
      rotation.setFromAxisAngle(UP, seat.yaw);
      seats.setMatrixAt(seat.id, matrix.compose(position.set(seat.x, 0, seat.z), rotation, scale));
      seats.setColorAt(seat.id, FABRIC);
    }
    seats.instanceMatrix.needsUpdate = true;
    if (seats.instanceColor) seats.instanceColor.needsUpdate = true;
    seats.computeBoundingSphere();
  }, []);

  const highlight = (id: number) => {
    const seats = mesh.current;
    if (!seats || id === hovered.current) return;
    if (hovered.current >= 0) seats.setColorAt(hovered.current, FABRIC);
    if (id >= 0) seats.setColorAt(id, HIGHLIGHT);
    hovered.current = id;
    if (seats.instanceColor) seats.instanceColor.needsUpdate = true;
    document.body.style.cursor = id >= 0 ? "pointer" : "";
  };

  const onClick = (event: ThreeEvent<MouseEvent>) => {
    if (event.delta > CLICK_TOLERANCE_PX || event.instanceId === undefined) return;
    event.stopPropagation();
    requestSeat(event.instanceId);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a three.js object, not a DOM element, so DOM roles do not apply.
    <instancedMesh
      ref={mesh}
      args={[geometry, material, SEATS.length]}
      onClick={onClick}
      onPointerMove={(event) => highlight(event.instanceId ?? -1)}
      onPointerOut={() => highlight(-1)}
    />
  );
}
