/**
 * The room state every client mirrors. Positions are quantised to the hall's bounds (16 bits per
 * coordinate, about half a millimetre, packed three to a field) and rotations packed into one uint32
 * each, so no float crosses the wire. Full poses are filtered per client (interest management); a coarse head reaches all.
 */
import { schema, t } from "@colyseus/schema";
import { packPosition } from "../pose/position-codec.ts";
import { PACKED_IDENTITY } from "../pose/quaternion-codec.ts";

const packedPosition = () => t.uint64().default(packPosition(0, 0, 0));
const packedRotation = () => t.uint32().default(PACKED_IDENTITY);

/**
 * Head and both hands, each as a position packed into one integer (shared/pose/position-codec.ts) and
 * a packed rotation. One schema, and two fields per part, because at every patch the encoder walks each
 * changed schema, and writes each changed field, once for every client's view that holds it: with a
 * full hall moving, twelve fields in three schemas per person cost twice and three times as much.
 */
export const AvatarPose = schema(
  {
    headPosition: packedPosition(),
    headRotation: packedRotation(),
    leftPosition: packedPosition(),
    leftRotation: packedRotation(),
    rightPosition: packedPosition(),
    rightRotation: packedRotation(),
  },
  "AvatarPose",
);
export type AvatarPose = InstanceType<typeof AvatarPose>;

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
    /** Discussion table (0-based) during a table round; -1 in the plenary. Voice fades other tables. */
    table: t.int8().default(-1),
    /**
     * "reconnecting" while the connection is dropped and the room holds the seat, queue place and
     * floor for the grace period; "connected" otherwise.
     */
    connection: t.string().default("connected"),
    /**
     * The head as everyone sees it from afar (shared/pose/coarse-pose.ts), refreshed by the server a few
     * times per second. Nobody disappears: this field reaches every client.
     */
    coarse: t.uint32().default(0),
    /**
     * Full-rate pose, sent only to clients whose view holds this participant (near, same table, floor
     * holder, oneself: shared/pose/interest.ts). Absent on other clients, which fall back to `coarse`.
     */
    pose: t.ref(AvatarPose).view(),
  },
  "Participant",
);
export type Participant = InstanceType<typeof Participant>;

export const ConsultationInfo = schema(
  {
    id: t.string().default(""),
    title: t.string().default(""),
    language: t.string().default("en"),
    /** `open`, or `closed` once the facilitator closed it and the outcome report is published. */
    phase: t.string().default("open"),
    /** `town_hall`: citizens speak only with the floor; `open`: everyone but observers may speak. */
    mode: t.string().default("town_hall"),
    /** A locked consultation admits nobody new (facilitators excepted). */
    locked: t.boolean().default(false),
    /** Who may take part: `open`, `invitation` or `verified` (shared/consultation/access.ts). */
    access: t.string().default("open"),
    /**
     * The lead facilitator's participant id ("" until someone entered through the facilitator link):
     * the first to enter through it, who alone replaces it and acts on other facilitators.
     */
    leadId: t.string().default(""),
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

export const AgendaItemState = schema(
  {
    id: t.string().default(""),
    title: t.string().default(""),
    plannedMinutes: t.uint16().default(0),
    /** The linked poll's id, or "". */
    pollId: t.string().default(""),
    /** Time spent on the item before the running stretch (ms). */
    spentMs: t.float64().default(0),
    /** Whether the item has been started at least once. */
    started: t.boolean().default(false),
  },
  "AgendaItemState",
);
export type AgendaItemState = InstanceType<typeof AgendaItemState>;

export const AgendaState = schema(
  {
    items: t.array(AgendaItemState),
    /** Index of the current item, -1 before the agenda starts. */
    current: t.int16().default(-1),
    /** When the current item became current (server epoch ms), its timer; 0 when none runs. */
    startedAt: t.float64().default(0),
  },
  "AgendaState",
);
export type AgendaState = InstanceType<typeof AgendaState>;

/** A poll and its results: counts only, never who voted what. */
export const PollState = schema(
  {
    id: t.string().default(""),
    question: t.string().default(""),
    /** `single`, `multiple`, `scale` or `ranking`. */
    kind: t.string().default("single"),
    options: t.array("string"),
    maxChoices: t.uint8().default(1),
    scaleMax: t.uint8().default(5),
    anonymous: t.boolean().default(true),
    /** `live` or `at_close`. */
    reveal: t.string().default("live"),
    /** `draft`, `open` or `closed`. */
    status: t.string().default("draft"),
    /** How many people have voted. */
    ballots: t.uint32().default(0),
    /**
     * Empty while results are hidden. single/multiple: per option; scale: per value (index 0 = 1);
     * ranking: `counts[option * options.length + rank]`.
     */
    counts: t.array("uint32"),
  },
  "PollState",
);
export type PollState = InstanceType<typeof PollState>;

export const IdeaState = schema(
  {
    id: t.string().default(""),
    text: t.string().default(""),
    /** The author's pseudonym at posting time ("" once purged). */
    authorName: t.string().default(""),
    createdAt: t.float64().default(0),
    votes: t.uint32().default(0),
    pinned: t.boolean().default(false),
    /** The cluster it was merged into, or "". Hidden ideas leave the state. */
    clusterId: t.string().default(""),
  },
  "IdeaState",
);
export type IdeaState = InstanceType<typeof IdeaState>;

export const ClusterState = schema(
  { id: t.string().default(""), label: t.string().default("") },
  "ClusterState",
);
export type ClusterState = InstanceType<typeof ClusterState>;

export const ChatMessageState = schema(
  {
    id: t.string().default(""),
    /** The author's participant id and pseudonym at sending time. */
    authorId: t.string().default(""),
    authorName: t.string().default(""),
    text: t.string().default(""),
    createdAt: t.float64().default(0),
  },
  "ChatMessageState",
);
export type ChatMessageState = InstanceType<typeof ChatMessageState>;

export const ProposalState = schema(
  {
    id: t.string().default(""),
    title: t.string().default(""),
    cost: t.float64().default(0),
    /** Total allocated by everyone, revealed when the budget closes (0 before). */
    allocated: t.float64().default(0),
  },
  "ProposalState",
);
export type ProposalState = InstanceType<typeof ProposalState>;

export const BudgetState = schema(
  {
    /** `none`, `open` or `closed`. */
    status: t.string().default("none"),
    total: t.float64().default(0),
    proposals: t.array(ProposalState),
    /** How many people have allocated. */
    allocations: t.uint32().default(0),
  },
  "BudgetState",
);
export type BudgetState = InstanceType<typeof BudgetState>;

/** Discussion tables; each participant's table is `Participant.table`. */
export const TablesState = schema(
  {
    /** Number of tables; 0 while everyone is in the plenary. */
    count: t.uint8().default(0),
    /** `assign` (the facilitator seats people) or `choose` (people pick a table). */
    mode: t.string().default("assign"),
    startedAt: t.float64().default(0),
    /** When the round's timer runs out (server epoch ms); 0 without a timer. */
    endsAt: t.float64().default(0),
  },
  "TablesState",
);
export type TablesState = InstanceType<typeof TablesState>;

export const SlidesState = schema(
  {
    /** URLs of the uploaded slides, in order. */
    urls: t.array("string"),
    /** Index of the slide shown, -1 for none. */
    current: t.int16().default(-1),
  },
  "SlidesState",
);
export type SlidesState = InstanceType<typeof SlidesState>;

export const TownHallState = schema(
  {
    consultation: t.ref(ConsultationInfo),
    participants: t.map(Participant),
    /** Participant ids with a raised hand, first in line first. */
    speakingQueue: t.array("string"),
    floor: t.ref(FloorInfo),
    agenda: t.ref(AgendaState),
    polls: t.map(PollState),
    /** The poll on screen (the current agenda item's, or the one last opened), or "". */
    activePollId: t.string().default(""),
    ideas: t.map(IdeaState),
    clusters: t.map(ClusterState),
    /** The newest visible chat messages, oldest first; hidden ones leave it. */
    chat: t.array(ChatMessageState),
    budget: t.ref(BudgetState),
    tables: t.ref(TablesState),
    slides: t.ref(SlidesState),
  },
  "TownHallState",
);
export type TownHallState = InstanceType<typeof TownHallState>;
