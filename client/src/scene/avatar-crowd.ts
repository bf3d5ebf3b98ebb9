/**
 * Every remote avatar drawn with seven instanced meshes (heads, visors, eyes, torsos, hands, speaking
 * rings, halos), so that a full hall costs seven draw calls instead of ten per person. Rings and halos
 * are packed: only those speaking or facilitating get an instance. Hands in low-bandwidth mode and
 * avatars without a pose yet are zero-scale instances. Writing an avatar allocates nothing.
 */
import { Color, type Euler, InstancedMesh, Matrix4, MeshStandardMaterial, Quaternion, Vector3 } from "three";
import {
  eyeGeometry,
  eyeMaterial,
  goldMaterial,
  HALO_HEIGHT,
  haloGeometry,
  handGeometry,
  headGeometry,
  NECK_DROP,
  TORSO_LENGTH,
  TORSO_RADIUS,
  torsoGeometry,
  visorGeometry,
  visorMaterial,
} from "./avatar-parts.ts";
import { SPEAKING_RING_DROP, speakingRingGeometry, speakingRingMaterial } from "./speaking-ring.ts";

/** White, so that each instance's colour is the person's colour. */
const bodyMaterial = new MeshStandardMaterial({ color: "#ffffff", roughness: 0.55 });
const TORSO_CENTRE_DROP = NECK_DROP + TORSO_RADIUS + TORSO_LENGTH / 2;
const VISOR_OFFSET = new Matrix4().makeTranslation(0, 0.015, -0.125);
const LEFT_EYE_OFFSET = new Matrix4().makeTranslation(-0.05, 0.02, -0.172);
const RIGHT_EYE_OFFSET = new Matrix4().makeTranslation(0.05, 0.02, -0.172);
const FLAT = new Quaternion().setFromAxisAngle(new Vector3(1, 0, 0), Math.PI / 2);
const ONE = new Vector3(1, 1, 1);
const HIDDEN = new Matrix4().makeScale(0, 0, 0);

const headMatrix = new Matrix4();
const partMatrix = new Matrix4();
const place = new Vector3();
const scale = new Vector3();
const yawRotation = new Quaternion();
const up = new Vector3(0, 1, 0);
const colour = new Color();

export interface AvatarLook {
  readonly color: string;
  readonly facilitator: boolean;
}

export class AvatarCrowd {
  readonly capacity: number;
  readonly heads: InstancedMesh;
  readonly visors: InstancedMesh;
  readonly eyes: InstancedMesh;
  readonly torsos: InstancedMesh;
  readonly hands: InstancedMesh;
  readonly rings: InstancedMesh;
  readonly halos: InstancedMesh;
  readonly meshes: readonly InstancedMesh[];
  readonly #facilitator: boolean[];
  /** Rings and halos written so far in this frame. */
  #ringCount = 0;
  #haloCount = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.heads = new InstancedMesh(headGeometry, bodyMaterial, capacity);
    this.visors = new InstancedMesh(visorGeometry, visorMaterial, capacity);
    this.eyes = new InstancedMesh(eyeGeometry, eyeMaterial, capacity * 2);
    this.torsos = new InstancedMesh(torsoGeometry, bodyMaterial, capacity);
    this.hands = new InstancedMesh(handGeometry, bodyMaterial, capacity * 2);
    this.rings = new InstancedMesh(speakingRingGeometry, speakingRingMaterial, capacity);
    this.halos = new InstancedMesh(haloGeometry, goldMaterial, capacity);
    this.meshes = [this.heads, this.visors, this.eyes, this.torsos, this.hands, this.rings, this.halos];
    this.#facilitator = new Array<boolean>(capacity).fill(false);
    for (const mesh of this.meshes) {
      // Avatars move every frame: the bounds computed once would cull the wrong ones.
      mesh.frustumCulled = false;
      mesh.count = 0;
      mesh.visible = false;
      // Nothing points at avatars; XR pointer rays would otherwise test every instance every frame.
      mesh.raycast = () => undefined;
    }
  }

  /** Sets how many avatars are drawn and what each looks like (when the list of people changes). */
  setLooks(looks: readonly AvatarLook[]): void {
    const count = Math.min(looks.length, this.capacity);
    for (let i = 0; i < count; i++) {
      const look = looks[i] as AvatarLook;
      colour.set(look.color);
      this.heads.setColorAt(i, colour);
      this.torsos.setColorAt(i, colour);
      this.hands.setColorAt(2 * i, colour);
      this.hands.setColorAt(2 * i + 1, colour);
      this.#facilitator[i] = look.facilitator;
    }
    for (const mesh of [this.heads, this.torsos, this.hands]) {
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    }
    this.heads.count = count;
    this.visors.count = count;
    this.eyes.count = 2 * count;
    this.torsos.count = count;
    this.hands.count = 2 * count;
  }

  /** Starts a frame's writing. */
  begin(): void {
    this.#ringCount = 0;
    this.#haloCount = 0;
  }

  hide(i: number): void {
    this.heads.setMatrixAt(i, HIDDEN);
    this.visors.setMatrixAt(i, HIDDEN);
    this.eyes.setMatrixAt(2 * i, HIDDEN);
    this.eyes.setMatrixAt(2 * i + 1, HIDDEN);
    this.torsos.setMatrixAt(i, HIDDEN);
    this.hideHands(i);
  }

  hideHands(i: number): void {
    this.hands.setMatrixAt(2 * i, HIDDEN);
    this.hands.setMatrixAt(2 * i + 1, HIDDEN);
  }

  /** Head, visor, eyes, a torso turned with the head's yaw; the ring (pulsing with `pulse`, 0 for silent) and halo. */
  writeBody(i: number, head: Vector3, rotation: Quaternion, yaw: Euler, pulse: number): void {
    headMatrix.compose(head, rotation, ONE);
    this.heads.setMatrixAt(i, headMatrix);
    this.visors.setMatrixAt(i, partMatrix.multiplyMatrices(headMatrix, VISOR_OFFSET));
    this.eyes.setMatrixAt(2 * i, partMatrix.multiplyMatrices(headMatrix, LEFT_EYE_OFFSET));
    this.eyes.setMatrixAt(2 * i + 1, partMatrix.multiplyMatrices(headMatrix, RIGHT_EYE_OFFSET));
    place.set(head.x, head.y - TORSO_CENTRE_DROP, head.z);
    yawRotation.setFromAxisAngle(up, yaw.setFromQuaternion(rotation, "YXZ").y);
    this.torsos.setMatrixAt(i, partMatrix.compose(place, yawRotation, ONE));
    if (pulse > 0) {
      place.set(head.x, head.y - SPEAKING_RING_DROP, head.z);
      this.rings.setMatrixAt(this.#ringCount++, partMatrix.compose(place, FLAT, scale.setScalar(pulse)));
    }
    if (this.#facilitator[i]) {
      place.set(head.x, head.y + HALO_HEIGHT, head.z);
      this.halos.setMatrixAt(this.#haloCount++, partMatrix.compose(place, FLAT, ONE));
    }
  }

  writeHand(i: number, side: 0 | 1, position: Vector3, rotation: Quaternion): void {
    this.hands.setMatrixAt(2 * i + side, partMatrix.compose(position, rotation, ONE));
  }

  /** Triangles the crowd's instances hold (zero-size ones included: they are still drawn). */
  triangles(): number {
    let total = 0;
    for (const mesh of this.meshes) {
      const geometry = mesh.geometry;
      const vertices = geometry.index?.count ?? geometry.getAttribute("position").count;
      total += (vertices / 3) * mesh.count;
    }
    return total;
  }

  /** Marks every instance buffer for upload (once per frame, after writing). */
  commit(): void {
    this.rings.count = this.#ringCount;
    this.halos.count = this.#haloCount;
    for (const mesh of this.meshes) {
      mesh.instanceMatrix.needsUpdate = true;
      // An empty instanced mesh would still cost a draw call.
      mesh.visible = mesh.count > 0;
    }
  }

  dispose(): void {
    for (const mesh of this.meshes) mesh.dispose();
  }
}
