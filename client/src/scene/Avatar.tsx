import { Billboard, Text } from "@react-three/drei";
import { useFrame } from "@react-three/fiber";
import { Suspense, useEffect, useMemo, useRef } from "react";
import { Euler, type Group, type Mesh, MeshStandardMaterial, Quaternion, Vector3 } from "three";
import interFontUrl from "../../../assets/fonts/Inter-SemiBold.ttf?url";
import type { ParticipantSummary } from "../net/hall-store.ts";
import { HEAD, LEFT_HAND, RENDER_DELAY_MS, RIGHT_HAND, samplePose } from "../net/pose-buffer.ts";
import { speakingNow } from "../voice/speaking.ts";
import {
  eyeGeometry,
  eyeMaterial,
  goldMaterial,
  HALO_HEIGHT,
  haloGeometry,
  handGeometry,
  headGeometry,
  LABEL_HEIGHT,
  NECK_DROP,
  TORSO_LENGTH,
  TORSO_RADIUS,
  torsoGeometry,
  visorGeometry,
  visorMaterial,
} from "./avatar-parts.ts";
import { drawnHands, drawnHeads } from "./rendered-avatars.ts";
import { SPEAKING_RING_DROP, speakingRingGeometry, speakingRingMaterial } from "./speaking-ring.ts";

/** Scratch shared by every avatar: frames are drawn one avatar after another, never interleaved. */
const position = new Vector3();
const rotation = new Quaternion();
const yawOnly = new Euler(0, 0, 0, "YXZ");
const TORSO_CENTRE_DROP = NECK_DROP + TORSO_RADIUS + TORSO_LENGTH / 2;

export interface AvatarProps {
  readonly participant: ParticipantSummary;
  readonly facilitatorLabel: string;
}

/** A remote participant: head with a visor, a torso turning with the head's yaw, two hands, a name. */
export function Avatar({ participant, facilitatorLabel }: AvatarProps) {
  const { id, name, color, role } = participant;
  const root = useRef<Group>(null);
  const head = useRef<Group>(null);
  const torso = useRef<Mesh>(null);
  const leftHand = useRef<Mesh>(null);
  const rightHand = useRef<Mesh>(null);
  const label = useRef<Group>(null);
  const speakingRing = useRef<Mesh>(null);
  const bodyMaterial = useMemo(() => new MeshStandardMaterial({ color, roughness: 0.55 }), [color]);
  const drawn = useMemo(() => ({ x: 0, y: 0, z: 0 }), []);
  const hands = useMemo(() => ({ left: { x: 0, y: 0, z: 0 }, right: { x: 0, y: 0, z: 0 } }), []);

  useEffect(() => () => bodyMaterial.dispose(), [bodyMaterial]);
  useEffect(
    () => () => {
      drawnHeads.delete(id);
      drawnHands.delete(id);
    },
    [id],
  );

  useFrame(() => {
    const group = root.current;
    if (
      !group ||
      !head.current ||
      !torso.current ||
      !leftHand.current ||
      !rightHand.current ||
      !label.current
    )
      return;
    const time = performance.now() - RENDER_DELAY_MS;
    if (!samplePose(id, time, HEAD, position, rotation)) {
      group.visible = false;
      return;
    }
    group.visible = true;
    head.current.position.copy(position);
    head.current.quaternion.copy(rotation);
    torso.current.position.set(position.x, position.y - TORSO_CENTRE_DROP, position.z);
    torso.current.rotation.y = yawOnly.setFromQuaternion(rotation, "YXZ").y;
    label.current.position.copy(position);
    if (speakingRing.current) {
      const speaking = speakingNow.has(id);
      speakingRing.current.visible = speaking;
      if (speaking) speakingRing.current.scale.setScalar(1 + 0.08 * Math.sin(performance.now() / 90));
    }
    drawn.x = position.x;
    drawn.y = position.y;
    drawn.z = position.z;
    drawnHeads.set(id, drawn);
    samplePose(id, time, LEFT_HAND, leftHand.current.position, rotation);
    samplePose(id, time, RIGHT_HAND, rightHand.current.position, rotation);
    hands.left.x = leftHand.current.position.x;
    hands.left.y = leftHand.current.position.y;
    hands.left.z = leftHand.current.position.z;
    hands.right.x = rightHand.current.position.x;
    hands.right.y = rightHand.current.position.y;
    hands.right.z = rightHand.current.position.z;
    drawnHands.set(id, hands);
  });

  const facilitator = role === "facilitator";
  return (
    <group ref={root} visible={false}>
      <group ref={head}>
        <mesh geometry={headGeometry} material={bodyMaterial} />
        <mesh geometry={visorGeometry} material={visorMaterial} position={[0, 0.015, -0.125]} />
        <mesh geometry={eyeGeometry} material={eyeMaterial} position={[-0.05, 0.02, -0.172]} />
        <mesh geometry={eyeGeometry} material={eyeMaterial} position={[0.05, 0.02, -0.172]} />
      </group>
      <mesh ref={torso} geometry={torsoGeometry} material={bodyMaterial} />
      <mesh ref={leftHand} geometry={handGeometry} material={bodyMaterial} />
      <mesh ref={rightHand} geometry={handGeometry} material={bodyMaterial} />
      <group ref={label}>
        <mesh
          ref={speakingRing}
          geometry={speakingRingGeometry}
          material={speakingRingMaterial}
          position={[0, -SPEAKING_RING_DROP, 0]}
          rotation-x={Math.PI / 2}
          visible={false}
        />
        {facilitator && (
          <mesh
            geometry={haloGeometry}
            material={goldMaterial}
            position={[0, HALO_HEIGHT, 0]}
            rotation-x={Math.PI / 2}
          />
        )}
        <Billboard position={[0, LABEL_HEIGHT, 0]}>
          <Suspense fallback={null}>
            <Text
              font={interFontUrl}
              fontSize={0.12}
              color="#ffffff"
              outlineWidth={0.01}
              outlineColor="#1b1b1f"
              anchorY="bottom"
              maxWidth={2.4}
            >
              {name}
            </Text>
            {facilitator && (
              <group position={[0, 0.19, 0]}>
                <Text
                  font={interFontUrl}
                  fontSize={0.08}
                  color="#f2c14e"
                  outlineWidth={0.008}
                  outlineColor="#1b1b1f"
                  anchorY="bottom"
                >
                  {facilitatorLabel}
                </Text>
              </group>
            )}
          </Suspense>
        </Billboard>
      </group>
    </group>
  );
}
