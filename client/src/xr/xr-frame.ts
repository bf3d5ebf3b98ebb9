/**
 * One headset frame: read the tracked head, hands and sticks, move the rig (teleport, turns, smooth
 * walking), and send the body to the room in hall coordinates. Every buffer is allocated once here.
 */
import { Quaternion } from "three";
import { floorHeightAt } from "../../../shared/hall/teleport-rules.ts";
import { MAX_ARM_REACH, type PoseTuple } from "../../../shared/protocol/room-messages.ts";
import { sendToRoom } from "../net/hall-connection.ts";
import { selectSelf, useHallStore } from "../net/hall-store.ts";
import { player } from "../scene/local-player.ts";
import { requestSeat } from "../scene/player-motion.ts";
import { sendTrackedPose } from "../scene/pose-sender.ts";
import { ARC_POINTS, emptyAim, type TeleportAim, traceArc } from "./teleport-arc.ts";
import {
  type Point3,
  placeHeadAt,
  rig,
  rigToHall,
  sitHeadAt,
  trackedHead,
  trackedHeadYaw,
  turnAroundHead,
  turnHeadTo,
  walkHead,
} from "./xr-rig.ts";
import { useXrSettings } from "./xr-settings.ts";

const STICK_ON = 0.6;
const STICK_OFF = 0.3;
const SMOOTH_TURN_SPEED = 1.6;
const WALK_SPEED = 1.6;
const DEG = Math.PI / 180;
/** Where a hand rests when it is not tracked: beside the body, below the head. */
const HAND_REST = { side: 0.28, drop: 0.65 };

/** What the scene shows of the locomotion this frame: the arc while aiming, the vignette while moving smoothly. */
export const locomotion = {
  aiming: false,
  arc: new Float32Array(ARC_POINTS * 3),
  aim: emptyAim() as TeleportAim,
  /** 0 (clear) to 1 (full vignette). */
  vignette: 0,
  menuOpen: false,
  /** The left hand is tracked with its palm up: the wrist menu shows. */
  palmUp: false,
};

/** A tracked part in hall coordinates, plus whether it is tracked at all this frame. */
export interface TrackedPart {
  tracked: boolean;
  position: Point3;
  rotation: Quaternion;
}

function part(): TrackedPart {
  return { tracked: false, position: { x: 0, y: 0, z: 0 }, rotation: new Quaternion() };
}

/** Head, grips and the right-hand pointing ray, in hall coordinates, refreshed every frame. */
export const body = { head: part(), left: part(), right: part(), leftRay: part(), rightRay: part() };

const rigRotation = new Quaternion();
const local = new Quaternion();
const headTuple: PoseTuple = [0, 0, 0, 0, 0, 0, 1];
const leftTuple: PoseTuple = [0, 0, 0, 0, 0, 0, 1];
const rightTuple: PoseTuple = [0, 0, 0, 0, 0, 0, 1];
const floorProbe: Point3 = { x: 0, y: 0, z: 0 };
const input = { turnArmed: true, menuWasPressed: false };

function readPose(transform: XRRigidTransform, out: TrackedPart): void {
  const p = transform.position;
  const o = transform.orientation;
  rigToHall(p.x, p.y, p.z, out.position);
  local.set(o.x, o.y, o.z, o.w);
  out.rotation.multiplyQuaternions(rigRotation, local);
  out.tracked = true;
}

function readSpace(
  frame: XRFrame,
  space: XRSpace | undefined,
  reference: XRReferenceSpace,
  out: TrackedPart,
) {
  out.tracked = false;
  if (!space) return;
  const pose = frame.getPose(space, reference);
  if (pose) readPose(pose.transform, out);
}

function readHand(frame: XRFrame, source: XRInputSource, reference: XRReferenceSpace, grip: TrackedPart) {
  const wrist = source.hand?.get("wrist");
  if (wrist && frame.getJointPose) {
    const pose = frame.getJointPose(wrist, reference);
    grip.tracked = false;
    if (pose) readPose(pose.transform, grip);
    return;
  }
  readSpace(frame, source.gripSpace, reference, grip);
}

function eyeLift(): number {
  const { seated, seatedLift } = useXrSettings.getState();
  return seated ? seatedLift : 0;
}

function writeTuple(tuple: PoseTuple, tracked: TrackedPart): void {
  tuple[0] = tracked.position.x;
  tuple[1] = tracked.position.y;
  tuple[2] = tracked.position.z;
  tuple[3] = tracked.rotation.x;
  tuple[4] = tracked.rotation.y;
  tuple[5] = tracked.rotation.z;
  tuple[6] = tracked.rotation.w;
}

/** A hand's tuple: where it is tracked (pulled within reach of the head), else resting beside the body. */
function writeHand(tuple: PoseTuple, hand: TrackedPart, side: -1 | 1): void {
  const head = body.head.position;
  if (hand.tracked) {
    writeTuple(tuple, hand);
    const dx = tuple[0] - head.x;
    const dy = tuple[1] - head.y;
    const dz = tuple[2] - head.z;
    const reach = Math.hypot(dx, dy, dz);
    const limit = MAX_ARM_REACH * 0.95;
    if (reach > limit) {
      tuple[0] = head.x + (dx * limit) / reach;
      tuple[1] = head.y + (dy * limit) / reach;
      tuple[2] = head.z + (dz * limit) / reach;
    }
    return;
  }
  const yaw = rig.yaw + trackedHeadYaw();
  tuple[0] = head.x + Math.cos(yaw) * HAND_REST.side * side;
  tuple[1] = head.y - HAND_REST.drop;
  tuple[2] = head.z - Math.sin(yaw) * HAND_REST.side * side;
  tuple[3] = 0;
  tuple[4] = Math.sin(yaw / 2);
  tuple[5] = 0;
  tuple[6] = Math.cos(yaw / 2);
}

/** Puts the head where the flat-screen body was, so entering VR does not jump across the hall. */
export function placeRigFromPlayer(): void {
  rig.yaw = 0;
  turnHeadTo(player.yaw);
  if (player.seat >= 0) {
    sitHeadAt(player.x, player.z, player.yaw);
  } else {
    placeHeadAt(player.x, player.z, eyeLift());
  }
  rig.placed = true;
}

function teleport(): void {
  const aim = locomotion.aim;
  if (aim.verdict === "seat" && aim.seat) {
    // The room decides; the rig sits once the state says the seat is ours (followSeat below).
    requestSeat(aim.seat.id);
    return;
  }
  if (aim.verdict !== "floor") return;
  if (player.seat >= 0) {
    sendToRoom("stand", {});
    player.seat = -1;
  }
  placeHeadAt(aim.x, aim.z, eyeLift());
}

/** Sits the rig on the seat the room gave us (teleported to, clicked with a ray, or moved there by a facilitator). */
export function followSeat(seatId: number, seat: { x: number; z: number; yaw: number } | undefined): void {
  if (!seat) {
    if (player.seat >= 0) placeHeadAt(body.head.position.x, body.head.position.z, eyeLift());
    player.seat = -1;
    return;
  }
  player.seat = seatId;
  sitHeadAt(seat.x, seat.z, seat.yaw);
}

function steer(left: XRInputSource | undefined, right: XRInputSource | undefined, dt: number): void {
  const settings = useXrSettings.getState();
  const axes = right?.gamepad?.axes;
  const stickX = axes?.[2] ?? 0;
  const stickY = axes?.[3] ?? 0;
  // Pushing the right stick forward aims; letting go jumps to where the arc lands.
  if (!locomotion.aiming && stickY < -STICK_ON) locomotion.aiming = true;
  else if (locomotion.aiming && stickY > -STICK_OFF) {
    locomotion.aiming = false;
    if (body.rightRay.tracked) teleport();
  }
  let moving = 0;
  if (!locomotion.aiming) {
    if (settings.turn === "smooth") {
      if (Math.abs(stickX) > STICK_OFF) {
        turnAroundHead(-stickX * SMOOTH_TURN_SPEED * dt);
        moving = Math.abs(stickX);
      }
    } else if (input.turnArmed && Math.abs(stickX) > STICK_ON) {
      turnAroundHead(-Math.sign(stickX) * (settings.turn === "snap45" ? 45 : 30) * DEG);
      input.turnArmed = false;
    } else if (Math.abs(stickX) < STICK_OFF) {
      input.turnArmed = true;
    }
  }
  const walkAxes = left?.gamepad?.axes;
  const walkX = walkAxes?.[2] ?? 0;
  const walkY = walkAxes?.[3] ?? 0;
  if (settings.smoothWalk && Math.hypot(walkX, walkY) > STICK_OFF) {
    if (player.seat >= 0) {
      sendToRoom("stand", {});
      player.seat = -1;
    }
    const yaw = rig.yaw + trackedHeadYaw();
    const forward = -walkY * WALK_SPEED * dt;
    const sideways = walkX * WALK_SPEED * dt;
    walkHead(
      -Math.sin(yaw) * forward + Math.cos(yaw) * sideways,
      -Math.cos(yaw) * forward - Math.sin(yaw) * sideways,
      eyeLift(),
    );
    moving = Math.max(moving, Math.min(1, Math.hypot(walkX, walkY)));
  }
  // The vignette closes in quickly while moving and opens again gently.
  locomotion.vignette +=
    ((moving > 0 ? 1 : 0) - locomotion.vignette) * Math.min(1, dt * (moving > 0 ? 12 : 4));
  const menuPressed = !!(left?.gamepad?.buttons[4]?.pressed || left?.gamepad?.buttons[5]?.pressed);
  if (menuPressed && !input.menuWasPressed) locomotion.menuOpen = !locomotion.menuOpen;
  input.menuWasPressed = menuPressed;
}

/** A palm faces up when the wrist's local +y (the back of the hand in WebXR) points down. */
function palmFacesUp(hand: TrackedPart): boolean {
  const q = hand.rotation;
  // y component of the wrist's local +y axis after rotation.
  const upY = 1 - 2 * (q.x * q.x + q.z * q.z);
  return upY < -0.5;
}

/** Runs one XR frame; returns false when the viewer is not tracked (nothing moved). */
export function stepXrFrame(frame: XRFrame, reference: XRReferenceSpace, dt: number, now: number): boolean {
  const viewer = frame.getViewerPose(reference);
  if (!viewer) return false;
  const { position: p, orientation: o } = viewer.transform;
  trackedHead.x = p.x;
  trackedHead.y = p.y;
  trackedHead.z = p.z;
  trackedHead.qx = o.x;
  trackedHead.qy = o.y;
  trackedHead.qz = o.z;
  trackedHead.qw = o.w;
  if (!rig.placed) placeRigFromPlayer();

  let left: XRInputSource | undefined;
  let right: XRInputSource | undefined;
  const sources = frame.session.inputSources;
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i];
    if (source?.handedness === "left") left = source;
    else if (source?.handedness === "right") right = source;
  }

  rigRotation.set(0, Math.sin(rig.yaw / 2), 0, Math.cos(rig.yaw / 2));
  readSpace(frame, right?.targetRaySpace, reference, body.rightRay);
  steer(left, right, dt);
  if (player.seat < 0) {
    // Standing (or playing seated, lifted): the eyes follow the floor below and the chosen lift.
    rigToHall(trackedHead.x, 0, trackedHead.z, floorProbe);
    rig.y = floorHeightAt(floorProbe.x, floorProbe.z) + eyeLift();
  }

  // The rig may have moved: read everything in hall coordinates after locomotion.
  rigRotation.set(0, Math.sin(rig.yaw / 2), 0, Math.cos(rig.yaw / 2));
  readPose(viewer.transform, body.head);
  body.left.tracked = false;
  body.right.tracked = false;
  if (left) readHand(frame, left, reference, body.left);
  if (right) readHand(frame, right, reference, body.right);
  readSpace(frame, right?.targetRaySpace, reference, body.rightRay);
  readSpace(frame, left?.targetRaySpace, reference, body.leftRay);
  locomotion.palmUp = !!left?.hand && body.left.tracked && palmFacesUp(body.left);

  if (locomotion.aiming && body.rightRay.tracked) {
    const r = body.rightRay.rotation;
    // Rotate (0, 0, -1) by the ray's quaternion.
    const dx = -(2 * (r.x * r.z + r.w * r.y));
    const dy = -(2 * (r.y * r.z - r.w * r.x));
    const dz = -(1 - 2 * (r.x * r.x + r.y * r.y));
    const hasFloor = selectSelf(useHallStore.getState())?.hasFloor ?? false;
    const o2 = body.rightRay.position;
    traceArc(o2.x, o2.y, o2.z, dx, dy, dz, hasFloor, locomotion.arc, locomotion.aim);
  }

  const head = body.head.position;
  player.x = head.x;
  player.z = head.z;
  player.eyeHeight = head.y;
  player.yaw = rig.yaw + trackedHeadYaw();
  player.pitch = 0;

  writeTuple(headTuple, body.head);
  writeHand(leftTuple, body.left, -1);
  writeHand(rightTuple, body.right, 1);
  sendTrackedPose(now, headTuple, leftTuple, rightTuple);
  return true;
}
