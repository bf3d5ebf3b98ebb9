import { Text } from "@react-three/drei";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { Color, Euler, type InstancedMesh, Matrix4, Quaternion, Vector3 } from "three";
import interFontUrl from "../../../assets/fonts/Inter-SemiBold.ttf?url";
import { useT } from "../app/i18n.tsx";
import {
  IDEAS_WALL,
  ideasOnWall,
  NOTE_SIZE,
  noteSlot,
  noteText,
  WALL_NOTE_CAP,
} from "../consultation/ideas-wall-layout.ts";
import { useConsultation } from "../net/consultation-store.ts";
import { drawnWall } from "./drawn-consultation.ts";

const FACING = new Quaternion().setFromEuler(new Euler(0, Math.PI / 2, 0));
const NOTE_SCALE = new Vector3(1, 1, 1);
const PINNED = new Color("#ffb347");
const CLUSTER_COLOURS = ["#a8e6a1", "#9fd3f7", "#f7a8d8", "#c9b6f7"].map((hex) => new Color(hex));
const PLAIN = new Color("#fff08a");
const ROTATION: [number, number, number] = [0, Math.PI / 2, 0];
const BOARD_WIDTH = IDEAS_WALL.maxZ - IDEAS_WALL.minZ;
const BOARD_HEIGHT = IDEAS_WALL.top - IDEAS_WALL.bottom;

/**
 * The ideas wall on the left side wall: a board with one sticky note per idea (pinned ones and the most
 * upvoted, capped), the notes drawn as one instanced mesh, their texts with the bundled font.
 */
export function IdeasWall() {
  const t = useT();
  const ideas = useConsultation((state) => state.ideas);
  const clusters = useConsultation((state) => state.clusters);
  const notes = useMemo(() => ideasOnWall(ideas), [ideas]);
  const mesh = useRef<InstancedMesh>(null);

  useLayoutEffect(() => {
    const target = mesh.current;
    if (!target) return;
    const clusterIndex = new Map(clusters.map((cluster, index) => [cluster.id, index]));
    const matrix = new Matrix4();
    const position = new Vector3();
    notes.forEach((idea, index) => {
      const slot = noteSlot(index);
      target.setMatrixAt(
        index,
        matrix.compose(position.set(slot.x + 0.01, slot.y, slot.z), FACING, NOTE_SCALE),
      );
      const cluster = clusterIndex.get(idea.clusterId);
      target.setColorAt(
        index,
        idea.pinned
          ? PINNED
          : cluster === undefined
            ? PLAIN
            : (CLUSTER_COLOURS[cluster % CLUSTER_COLOURS.length] ?? PLAIN),
      );
    });
    target.count = notes.length;
    target.instanceMatrix.needsUpdate = true;
    if (target.instanceColor) target.instanceColor.needsUpdate = true;
    target.computeBoundingSphere();
  }, [notes, clusters]);

  useEffect(() => {
    drawnWall.notes = notes.map(({ id, text, votes, pinned }) => ({ id, text, votes, pinned }));
  }, [notes]);
  useEffect(
    () => () => {
      drawnWall.notes = [];
    },
    [],
  );

  // Nothing to draw (and no draw calls spent) until the first idea is posted.
  return (
    <group visible={notes.length > 0}>
      {notes.length > 0 && (
        <>
          <mesh
            position={[
              IDEAS_WALL.x,
              (IDEAS_WALL.top + IDEAS_WALL.bottom) / 2,
              (IDEAS_WALL.minZ + IDEAS_WALL.maxZ) / 2,
            ]}
            rotation={ROTATION}
          >
            <planeGeometry args={[BOARD_WIDTH + 0.3, BOARD_HEIGHT + 0.2]} />
            <meshStandardMaterial color="#7b5b3c" roughness={0.95} />
          </mesh>
          <Text
            font={interFontUrl}
            position={[IDEAS_WALL.x + 0.01, IDEAS_WALL.top - 0.3, (IDEAS_WALL.minZ + IDEAS_WALL.maxZ) / 2]}
            rotation={ROTATION}
            fontSize={0.34}
            color="#fff6e0"
            letterSpacing={0.12}
          >
            {t("ideas.wall").toUpperCase()}
          </Text>
        </>
      )}
      <instancedMesh ref={mesh} args={[undefined, undefined, WALL_NOTE_CAP]} frustumCulled={false}>
        <boxGeometry args={[NOTE_SIZE, NOTE_SIZE, 0.012]} />
        <meshStandardMaterial roughness={0.8} />
      </instancedMesh>
      {notes.map((idea, index) => {
        const slot = noteSlot(index);
        // One text per note (its upvotes on the last line) keeps the wall at one draw call per note.
        return (
          <Text
            key={idea.id}
            font={interFontUrl}
            position={[slot.x + 0.02, slot.y, slot.z]}
            rotation={ROTATION}
            fontSize={0.05}
            lineHeight={1.15}
            color="#2a2418"
            maxWidth={NOTE_SIZE - 0.08}
            textAlign="center"
            anchorY="middle"
          >
            {`${noteText(idea.text)}\n+${idea.votes}`}
          </Text>
        );
      })}
    </group>
  );
}
