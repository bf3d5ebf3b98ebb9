/**
 * The room state every client mirrors. Poses are quantised to the hall's bounds (16 bits per
 * coordinate, about half a millimetre) and rotations packed into one uint32 each, so no float64
 * crosses the wire.
 */
import { schema, t } from "@colyseus/schema";
import { HALL } from "../hall/hall-geometry.ts";
import { PACKED_IDENTITY } from "../pose/quaternion-codec.ts";

export const Pose = schema(
  {
    x: t.quantized({ min: HALL.minX, max: HALL.maxX, bits: 16 }).default(0),
    y: t.quantized({ min: 0, max: HALL.height, bits: 16 }).default(0),
    z: t.quantized({ min: HALL.minZ, max: HALL.maxZ, bits: 16 }).default(0),
    rotation: t.uint32().default(PACKED_IDENTITY),
  },
  "Pose",
);
export type Pose = InstanceType<typeof Pose>;

export const Participant = schema(
  {
    id: t.string().default(""),
    name: t.string().default(""),
    color: t.string().default("#888888"),
    role: t.string().default("citizen"),
    device: t.string().default("desktop"),
    /** Index into the hall's seats, or -1 when standing. */
    seat: t.int16().default(-1),
    /** Set by the participant for their own microphone, so that everyone can see it. */
    muted: t.boolean().default(true),
    /** Whoever has the floor is heard hall-wide; the facilitator gives and takes it. */
    hasFloor: t.boolean().default(false),
    /** In the speaking queue (the order is `TownHallState.speakingQueue`). */
    handRaised: t.boolean().default(false),
    /** Muted by a facilitator: cannot unmute until a facilitator lifts it. */
    mutedByFacilitator: t.boolean().default(false),
    /** The server's verdict on whether this person may speak now (role, mode, floor, facilitator mute). */
    canSpeak: t.boolean().default(false),
    head: t.ref(Pose),
    leftHand: t.ref(Pose),
    rightHand: t.ref(Pose),
  },
  "Participant",
);
export type Participant = InstanceType<typeof Participant>;

export const ConsultationInfo = schema(
  {
    id: t.string().default(""),
    title: t.string().default(""),
    language: t.string().default("en"),
    phase: t.string().default("open"),
    /** `town_hall`: citizens speak only with the floor; `open`: everyone but observers may speak. */
    mode: t.string().default("town_hall"),
    /** A locked consultation admits nobody new (facilitators excepted). */
    locked: t.boolean().default(false),
  },
  "ConsultationInfo",
);
export type ConsultationInfo = InstanceType<typeof ConsultationInfo>;

/** Who holds the floor and until when. */
export const FloorInfo = schema(
  {
    /** Participant id of the floor holder, or "" when the floor is free. */
    holderId: t.string().default(""),
    /** When the time limit runs out, in server epoch ms (compare with the room clock); 0 without a limit. */
    endsAt: t.float64().default(0),
    /** After `endsAt`, the speaker keeps the floor this long before being muted. */
    graceMs: t.uint32().default(0),
  },
  "FloorInfo",
);
export type FloorInfo = InstanceType<typeof FloorInfo>;

export const TownHallState = schema(
  {
    consultation: t.ref(ConsultationInfo),
    participants: t.map(Participant),
    /** Participant ids with a raised hand, first in line first. */
    speakingQueue: t.array("string"),
    floor: t.ref(FloorInfo),
  },
  "TownHallState",
);
export type TownHallState = InstanceType<typeof TownHallState>;
