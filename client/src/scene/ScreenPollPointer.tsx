import type { ThreeEvent } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { type InstancedMesh, Matrix4 } from "three";
import { ballotChoices, pointedBallot } from "../consultation/ballot-choices.ts";
import { castBallot } from "../net/consultation-requests.ts";
import { type PollView, useConsultation } from "../net/consultation-store.ts";
import { useXrPresence } from "../xr/xr-presence.ts";
import { drawnScreen } from "./drawn-consultation.ts";
import { resultRows } from "./screen-layout.ts";
import { POINTING_AREA, ROW_RIGHT, screenRowAt } from "./screen-poll-targets.ts";

const MARK_RADIUS = 0.12;
const placement = new Matrix4();

/**
 * Voting from a headset by pointing at the big screen: the answer row under the controller's ray (or a
 * hand's) lights up, and a trigger press or pinch on it sends the ballot with `castBallot`, the same
 * request as the overlay's card and the hand menu's poll page. One's acknowledged answers get a mark.
 * Only in an immersive session: on a flat screen the overlay's card is the way to vote.
 */
export function ScreenPollPointer({ poll }: { readonly poll: PollView }) {
  const session = useXrPresence((state) => state.session);
  const mine = useConsultation((state) => state.myBallots[poll.id]);
  const [hover, setHover] = useState(-1);
  const pressed = useRef(-1);
  const count = ballotChoices(poll).length;
  const rows = resultRows(count);
  const active = session != null && poll.status === "open" && poll.kind !== "ranking";

  useEffect(() => {
    drawnScreen.pointed = active ? hover : -1;
  }, [active, hover]);
  useEffect(
    () => () => {
      drawnScreen.pointed = -1;
    },
    [],
  );

  if (!active) return null;
  const rowAt = (event: ThreeEvent<PointerEvent>) => screenRowAt(count, event.point.x, event.point.y);
  const hovered = rows[hover];
  const marked = ballotChoices(poll)
    .map((choice, index) => (mine?.includes(choice.value) ? index : -1))
    .filter((index) => index >= 0);

  return (
    <group>
      <mesh
        visible={false}
        position={[POINTING_AREA.x, POINTING_AREA.y, 0.12]}
        onPointerMove={(event) => setHover(rowAt(event))}
        onPointerOut={() => setHover(-1)}
        // Pressed and released on the same row is a vote, however slowly (no click time limit).
        onPointerDown={(event) => {
          pressed.current = rowAt(event);
        }}
        onPointerUp={(event) => {
          const row = rowAt(event);
          const ballot = row === pressed.current ? pointedBallot(poll, mine, row) : undefined;
          pressed.current = -1;
          if (ballot) void castBallot(poll.id, ballot);
        }}
      >
        <planeGeometry args={[POINTING_AREA.width, POINTING_AREA.height]} />
      </mesh>
      {hovered && (
        <mesh position={[POINTING_AREA.x, hovered.y, 0.11]}>
          <planeGeometry args={[POINTING_AREA.width, hovered.pitch]} />
          <meshBasicMaterial color="#ffffff" transparent opacity={0.14} depthWrite={false} />
        </mesh>
      )}
      {marked.length > 0 && (
        <BallotMarks capacity={count} heights={marked.map((index) => rows[index]?.y ?? 0).join(" ")} />
      )}
    </group>
  );
}

/** Dots right of the rows of one's answers (`heights`: their centres, space-separated), in one draw call. */
function BallotMarks({ capacity, heights }: { readonly capacity: number; readonly heights: string }) {
  const mesh = useRef<InstancedMesh>(null);
  useLayoutEffect(() => {
    const marks = mesh.current;
    if (!marks) return;
    const ys = heights.split(" ").map(Number);
    ys.forEach((y, index) => {
      marks.setMatrixAt(index, placement.makeTranslation(ROW_RIGHT + MARK_RADIUS * 2, y, 0.02));
    });
    marks.count = ys.length;
    marks.instanceMatrix.needsUpdate = true;
    marks.computeBoundingSphere();
  }, [heights]);
  return (
    <instancedMesh ref={mesh} args={[undefined, undefined, capacity]}>
      <circleGeometry args={[MARK_RADIUS, 24]} />
      <meshBasicMaterial color="#9be3b5" />
    </instancedMesh>
  );
}
