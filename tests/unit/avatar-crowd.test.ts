import { Color, Euler, Matrix4, Quaternion, Vector3 } from "three";
import { describe, expect, it } from "vitest";
import { AvatarCrowd } from "../../client/src/scene/avatar-crowd.ts";

const matrix = new Matrix4();
const position = new Vector3();
const rotation = new Quaternion();
const scale = new Vector3();

/** Where an instance is, and its size (three's decompose reports 1 for a zero-size matrix, so measured here). */
function instance(mesh: AvatarCrowd["heads"], index: number) {
  mesh.getMatrixAt(index, matrix);
  matrix.decompose(position, rotation, scale);
  const e = matrix.elements;
  return { position: position.clone(), scale: Math.hypot(e[0] ?? 0, e[1] ?? 0, e[2] ?? 0) };
}

describe("the instanced crowd", () => {
  const crowd = new AvatarCrowd(32);
  crowd.setLooks([
    { color: "#ff0000", facilitator: false },
    { color: "#00ff00", facilitator: true },
    { color: "#0000ff", facilitator: false },
  ]);

  it("draws every avatar with seven meshes, two eyes and two hands each, coloured per person", () => {
    expect(crowd.meshes).toHaveLength(7);
    expect(crowd.heads.count).toBe(3);
    expect(crowd.eyes.count).toBe(6);
    expect(crowd.hands.count).toBe(6);
    const colour = new Color();
    crowd.heads.getColorAt(1, colour);
    expect(colour.g).toBeGreaterThan(0.9);
    expect(colour.r).toBeLessThan(0.1);
    crowd.hands.getColorAt(5, colour);
    expect(colour.b).toBeGreaterThan(0.9);
  });

  it("places the head, turns the torso with the head's yaw, and shows the halo only for facilitators", () => {
    const head = new Vector3(2, 1.6, -3);
    const facing = new Quaternion().setFromEuler(new Euler(0.3, 1, 0, "YXZ"));
    const yaw = new Euler();
    crowd.begin();
    crowd.writeBody(0, head, facing, yaw, 0);
    crowd.writeBody(1, head, facing, yaw, 1.05);
    crowd.writeBody(2, head, facing, yaw, 0);
    crowd.commit();
    expect(instance(crowd.heads, 0).position.distanceTo(head)).toBeLessThan(1e-6);
    const torso = instance(crowd.torsos, 0);
    expect(torso.position.x).toBeCloseTo(2, 6);
    expect(torso.position.y).toBeLessThan(1.2);
    const torsoTurn = new Euler().setFromQuaternion(rotation, "YXZ");
    expect(torsoTurn.y).toBeCloseTo(1, 6);
    expect(torsoTurn.x).toBeCloseTo(0, 6);
    // Only the facilitator has a halo, only the speaker a ring: one instance each, above and below the head.
    expect(crowd.halos.count).toBe(1);
    expect(instance(crowd.halos, 0).position.y).toBeGreaterThan(head.y);
    expect(crowd.rings.count).toBe(1);
    expect(instance(crowd.rings, 0).scale).toBeCloseTo(1.05, 6);
    expect(instance(crowd.rings, 0).position.y).toBeLessThan(head.y);
  });

  it("hides someone without a pose, hands included", () => {
    crowd.writeHand(2, 0, new Vector3(1, 1, 1), new Quaternion());
    expect(instance(crowd.hands, 4).scale).toBeCloseTo(1, 6);
    crowd.hide(2);
    for (const [mesh, index] of [
      [crowd.heads, 2],
      [crowd.torsos, 2],
      [crowd.eyes, 5],
      [crowd.hands, 4],
      [crowd.hands, 5],
    ] as const) {
      expect(instance(mesh, index).scale).toBe(0);
    }
  });
});
