/**
 * The baseline the benchmark compares against: the same pose messages, synced the naive way. Every
 * pose is three nested float32 records (no quantisation, no packed rotation) and every avatar goes in
 * every patch to everyone (no interest management). Benchmark only, never served by Plenum.
 */
import { type Client, Room } from "@colyseus/core";
import { schema, t } from "@colyseus/schema";
import {
  ClientMessages,
  MAX_FRAMES_PER_SECOND,
  type PoseTuple,
} from "../../../shared/protocol/room-messages.ts";

export const NAIVE_ROOM_NAME = "naive_hall";

const NaivePose = schema(
  {
    x: t.float32().default(0),
    y: t.float32().default(0),
    z: t.float32().default(0),
    qx: t.float32().default(0),
    qy: t.float32().default(0),
    qz: t.float32().default(0),
    qw: t.float32().default(1),
  },
  "NaivePose",
);
type NaivePose = InstanceType<typeof NaivePose>;

const NaiveParticipant = schema(
  {
    id: t.string().default(""),
    head: t.ref(NaivePose),
    leftHand: t.ref(NaivePose),
    rightHand: t.ref(NaivePose),
  },
  "NaiveParticipant",
);

const NaiveState = schema({ participants: t.map(NaiveParticipant) }, "NaiveState");
type NaiveState = InstanceType<typeof NaiveState>;

function write(target: NaivePose, tuple: PoseTuple): void {
  target.x = tuple[0];
  target.y = tuple[1];
  target.z = tuple[2];
  target.qx = tuple[3];
  target.qy = tuple[4];
  target.qz = tuple[5];
  target.qw = tuple[6];
}

export class NaiveHallRoom extends Room<{ state: NaiveState }> {
  override state = new NaiveState();
  override maxMessagesPerSecond = MAX_FRAMES_PER_SECOND;
  override patchRate = 50;
  override maxClients = 10_000;

  override onJoin(client: Client): void {
    const participant = new NaiveParticipant();
    participant.id = client.sessionId;
    this.state.participants.set(client.sessionId, participant);
  }

  override onLeave(client: Client): void {
    this.state.participants.delete(client.sessionId);
  }

  override messages = {
    pose: (client: Client, raw: unknown) => {
      // Validated like the real room, so that both rooms do the same work per message.
      const parsed = ClientMessages.pose.safeParse(raw);
      const participant = this.state.participants.get(client.sessionId);
      if (!parsed.success || !participant) return;
      write(participant.head, parsed.data.head);
      write(participant.leftHand, parsed.data.leftHand);
      write(participant.rightHand, parsed.data.rightHand);
    },
  };
}
