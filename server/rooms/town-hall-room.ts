/**
 * One room per consultation: it admits holders of a valid session token, keeps everyone's avatar in
 * the synced state, and refuses any message that does not pass its schema and the hall's rules.
 */
import { type Client, Room, ServerError } from "@colyseus/core";
import type { z } from "zod";
import { SEATED_EYE_HEIGHT, seatById, spawnPoint, STANDING_EYE_HEIGHT } from "../../shared/hall/hall-geometry.ts";
import { isAcceptablePose } from "../../shared/pose/pose-rules.ts";
import { packQuaternion } from "../../shared/pose/quaternion-codec.ts";
import type { ErrorBody, ErrorCode } from "../../shared/protocol/error-codes.ts";
import { RoomJoinOptions } from "../../shared/protocol/http-api.ts";
import {
  CLOSE_CODES,
  type ClientMessage,
  ClientMessages,
  type ClientMessageType,
  MAX_FRAMES_PER_SECOND,
  MAX_POSES_PER_SECOND,
  type PoseTuple,
  type RelayedSignal,
  SERVER_ERROR_MESSAGE,
  SIGNAL_MESSAGE,
} from "../../shared/protocol/room-messages.ts";
import { Participant, type Pose, TownHallState } from "../../shared/state/town-hall-state.ts";
import { type SessionClaims, verifySessionToken } from "../auth/session-token.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";
import { TokenBucket } from "./token-bucket.ts";

export interface TownHallDeps {
  readonly store: ConsultationStore;
  readonly sessionSecret: string;
  readonly now: () => number;
}

interface Connection {
  readonly participantId: string;
  readonly poses: TokenBucket;
  readonly errors: TokenBucket;
}

type TownHallClient = Client<{ userData: Connection; auth: SessionClaims }>;

const ERROR_REPLIES_PER_SECOND = 5;

function writePose(target: Pose, tuple: PoseTuple): void {
  target.x = tuple[0];
  target.y = tuple[1];
  target.z = tuple[2];
  target.rotation = packQuaternion(tuple[3], tuple[4], tuple[5], tuple[6]);
}

/** Standing or seated at (x, z) facing `yaw`, with hands resting beside the body. */
function placeAvatar(participant: Participant, x: number, eyeHeight: number, z: number, yaw: number): void {
  const rotation = packQuaternion(0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2));
  const sideX = Math.cos(yaw) * 0.3;
  const sideZ = -Math.sin(yaw) * 0.3;
  const handHeight = eyeHeight - 0.7;
  Object.assign(participant.head, { x, y: eyeHeight, z, rotation });
  Object.assign(participant.leftHand, { x: x - sideX, y: handHeight, z: z - sideZ, rotation });
  Object.assign(participant.rightHand, { x: x + sideX, y: handHeight, z: z + sideZ, rotation });
}

export function createTownHallRoom(deps: TownHallDeps) {
  return class TownHallRoom extends Room<{ state: TownHallState; client: TownHallClient }> {
    override state = new TownHallState();
    override maxMessagesPerSecond = MAX_FRAMES_PER_SECOND;
    override patchRate = 50;
    #joinedCount = 0;

    static override async onAuth(_token: string, options: unknown): Promise<SessionClaims> {
      const parsed = RoomJoinOptions.safeParse(options);
      if (!parsed.success) throw new ServerError(400, "invalid_request: the join options are not valid");
      const claims = verifySessionToken(deps.sessionSecret, parsed.data.sessionToken, deps.now() / 1000);
      if (!claims || claims.consultationId !== parsed.data.consultationId) {
        throw new ServerError(401, "invalid_session: the session token is not valid for this consultation");
      }
      return claims;
    }

    override async onCreate(options: unknown): Promise<void> {
      const parsed = RoomJoinOptions.safeParse(options);
      const consultation = parsed.success ? await deps.store.findConsultation(parsed.data.consultationId) : undefined;
      if (!consultation) throw new ServerError(404, "unknown_consultation: this consultation does not exist");
      Object.assign(this.state.consultation, {
        id: consultation.id,
        title: consultation.title,
        language: consultation.language,
        phase: "open",
      });
    }

    override async onJoin(client: TownHallClient, options: unknown, auth: SessionClaims): Promise<void> {
      const record = await deps.store.findParticipant(auth.participantId);
      if (!record || record.consultationId !== auth.consultationId) {
        throw new ServerError(401, "invalid_session: unknown participant");
      }
      for (const other of this.clients) {
        if (other !== client && other.userData?.participantId === record.id) {
          other.leave(CLOSE_CODES.replacedBySameParticipant, "joined again elsewhere");
        }
      }
      const now = deps.now();
      client.userData = {
        participantId: record.id,
        poses: new TokenBucket(MAX_POSES_PER_SECOND / 3, MAX_POSES_PER_SECOND, now),
        errors: new TokenBucket(ERROR_REPLIES_PER_SECOND, ERROR_REPLIES_PER_SECOND, now),
      };
      const device = RoomJoinOptions.safeParse(options).data?.device ?? "desktop";
      const participant = new Participant();
      Object.assign(participant, { id: record.id, name: record.displayName, color: record.color, role: auth.role, device });
      const spawn = spawnPoint(this.#joinedCount++);
      placeAvatar(participant, spawn.x, STANDING_EYE_HEIGHT, spawn.z, 0);
      this.state.participants.set(record.id, participant);
    }

    override onLeave(client: TownHallClient): void {
      const id = client.userData?.participantId;
      if (!id) return;
      // A participant who re-joined from elsewhere keeps their avatar when the old connection goes.
      const stillConnected = this.clients.some((other) => other !== client && other.userData?.participantId === id);
      if (!stillConnected) this.state.participants.delete(id);
    }

    override messages = {
      pose: this.#validated("pose", (client, message) => {
        const participant = this.#participantOf(client);
        if (!participant) return;
        if (!isAcceptablePose(message)) return this.#refuse(client, "pose_out_of_hall", "A tracked part is outside the hall or out of reach.");
        if (!client.userData?.poses.take(deps.now())) return;
        writePose(participant.head, message.head);
        writePose(participant.leftHand, message.leftHand);
        writePose(participant.rightHand, message.rightHand);
      }),
      sit: this.#validated("sit", (client, message) => {
        const participant = this.#participantOf(client);
        if (!participant) return;
        const seat = seatById(message.seat);
        if (!seat) return this.#refuse(client, "unknown_seat", "There is no such seat.");
        for (const other of this.state.participants.values()) {
          if (other !== participant && other.seat === seat.id) {
            return this.#refuse(client, "seat_taken", "Someone is already sitting there.");
          }
        }
        participant.seat = seat.id;
        placeAvatar(participant, seat.x, SEATED_EYE_HEIGHT, seat.z, seat.yaw);
      }),
      stand: this.#validated("stand", (client) => {
        const participant = this.#participantOf(client);
        if (participant) participant.seat = -1;
      }),
      device: this.#validated("device", (client, message) => {
        const participant = this.#participantOf(client);
        if (participant) participant.device = message.kind;
      }),
      mute: this.#validated("mute", (client, message) => {
        const participant = this.#participantOf(client);
        if (participant) participant.muted = message.muted;
      }),
      signal: this.#validated("signal", (client, message) => {
        const from = client.userData?.participantId;
        const target = this.clients.find((other) => other.userData?.participantId === message.to);
        if (!from || !target || target === client) {
          return this.#refuse(client, "unknown_participant", "There is nobody with that id in the hall.");
        }
        const relayed: RelayedSignal = { from, description: message.description, candidate: message.candidate };
        target.send(SIGNAL_MESSAGE, relayed);
      }),
      _: (client: TownHallClient, type: unknown) => {
        this.#refuse(client, "unknown_message", `The room does not accept messages of type "${String(type).slice(0, 40)}".`);
      },
    };

    #participantOf(client: TownHallClient): Participant | undefined {
      const id = client.userData?.participantId;
      return id === undefined ? undefined : this.state.participants.get(id);
    }

    /** Parses with the message's schema; an invalid message is answered with an error and changes nothing. */
    #validated<K extends ClientMessageType>(type: K, handler: (client: TownHallClient, message: ClientMessage<K>) => void) {
      const schema: z.ZodType<ClientMessage<K>> = ClientMessages[type] as unknown as z.ZodType<ClientMessage<K>>;
      return (client: TownHallClient, raw: unknown) => {
        const result = schema.safeParse(raw);
        if (!result.success) return this.#refuse(client, "invalid_message", `The "${type}" message is not valid.`);
        handler(client, result.data);
      };
    }

    /** Replies with an error, at most a few per second, so that a misbehaving client cannot make the server shout. */
    #refuse(client: TownHallClient, code: ErrorCode, message: string): void {
      if (!client.userData?.errors.take(deps.now())) return;
      const body: ErrorBody = { code, message };
      client.send(SERVER_ERROR_MESSAGE, body);
    }
  };
}
