/**
 * One room per consultation: it admits holders of a valid session token, keeps everyone's avatar in
 * the synced state, and refuses any message that does not pass its schema and the hall's rules.
 * Facilitation (queue, floor, modes, moderation) follows one path: validate the message, check the
 * permission against the server's own view of the sender's role, apply the pure rule from
 * shared/consultation, persist what must last, then update the state.
 */
import { type Client, Room, ServerError } from "@colyseus/core";
import type { z } from "zod";
import { type AuditAction, countAuditActions } from "../../shared/consultation/audit.ts";
import { closedRefusal, isClosed } from "../../shared/consultation/closing.ts";
import {
  extendFloor,
  FLOOR_GRACE_MS,
  type Floor,
  floorPhase,
  giveFloor,
  giveFloorToNext,
  NO_FLOOR,
  takeFloor,
} from "../../shared/consultation/floor.ts";
import { checkReason, checkRoleChange, checkTargetedAction } from "../../shared/consultation/moderation.ts";
import { type Action, can } from "../../shared/consultation/permissions.ts";
import {
  type HallPlaces,
  NO_PLACES,
  placesOf,
  readPlaces,
  returnHand,
  takePlaces,
} from "../../shared/consultation/returning-places.ts";
import { isFacilitating, isSpeakerRole } from "../../shared/consultation/roles.ts";
import { maySpeak, type SpeakingMode, speakRefusal } from "../../shared/consultation/speaking-mode.ts";
import {
  isInQueue,
  lowerHand,
  queueOrder,
  raiseHand,
  type SpeakingQueue,
} from "../../shared/consultation/speaking-queue.ts";
import {
  SEATED_EYE_HEIGHT,
  STANDING_EYE_HEIGHT,
  seatById,
  spawnPoint,
} from "../../shared/hall/hall-geometry.ts";
import { isAcceptablePose } from "../../shared/pose/pose-rules.ts";
import { packPosition } from "../../shared/pose/position-codec.ts";
import { packQuaternion } from "../../shared/pose/quaternion-codec.ts";
import type { ErrorBody, ErrorCode } from "../../shared/protocol/error-codes.ts";
import { RoomJoinOptions } from "../../shared/protocol/http-api.ts";
import {
  type AuditLogResponse,
  CLOSE_CODES,
  type ClientMessage,
  ClientMessages,
  type ClientMessageType,
  MAX_FRAMES_PER_SECOND,
  MAX_POSES_PER_SECOND,
  type PoseTuple,
  REPORT_RECEIVED_MESSAGE,
  type RelayedSignal,
  type ReportReceived,
  SERVER_ERROR_MESSAGE,
  SERVER_RESTARTING_MESSAGE,
  SIGNAL_MESSAGE,
} from "../../shared/protocol/room-messages.ts";
import { type AvatarPose, Participant, TownHallState } from "../../shared/state/town-hall-state.ts";
import { hashSecret } from "../auth/secrets.ts";
import { type SessionClaims, verifySessionToken } from "../auth/session-token.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import { hallMetrics } from "../metrics/hall-metrics.ts";
import type { ConsultationStore, NewAuditEntry } from "../store/consultation-store.ts";
import type { VoiceModeration } from "../voice/voice-moderation.ts";
import { AvatarInterest, refreshCoarse } from "./avatar-interest.ts";
import { ConsultationMethods } from "./consultation-methods.ts";
import { type HallCalls, hallRoomId } from "./hall-calls.ts";
import { DEFAULT_RECONNECT_GRACE_SECONDS, HeldSeats, holdsSeat } from "./reconnection.ts";
import { TokenBucket } from "./token-bucket.ts";

export interface TownHallDeps {
  readonly store: ConsultationStore;
  readonly sessionSecret: string;
  readonly now: () => number;
  readonly voice: VoiceModeration;
  /** How long a dropped participant's place is held for them to come back (30 s unless configured). */
  readonly reconnectGraceSeconds?: number;
}

interface Connection {
  readonly participantId: string;
  /**
   * Set for a facilitator's console (a second screen): the sender as of joining, used while the person
   * has no avatar in the hall. A console never moves, speaks or signals for the avatar.
   */
  readonly console: Participant | undefined;
  /** Hash of the device key this connection joined with, if any (a ban covers it). */
  readonly deviceKeyHash: string | undefined;
  readonly poses: TokenBucket;
  readonly errors: TokenBucket;
  readonly reports: TokenBucket;
}

/** What the matchmaking check hands to `onJoin`: the token's claims and the device key's hash. */
interface Admission extends SessionClaims {
  readonly deviceKeyHash: string | undefined;
  readonly view: "hall" | "console";
}

type TownHallClient = Client<{ userData: Connection; auth: Admission }>;

const ERROR_REPLIES_PER_SECOND = 5;
/** Reports a participant may file: a burst of three, then one every ten seconds. */
const REPORT_BURST = 3;
const REPORTS_PER_SECOND = 0.1;
/** How often the room checks whether a speaker's time (and grace) ran out. */
const FLOOR_CHECK_MS = 200;

/** A refusal from a rule, carried back to the handler that answers the client. */
class Refusal extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

const REFUSAL_TEXT: Partial<Record<ErrorCode, string>> = {
  not_allowed: "Your role does not allow this.",
  unknown_participant: "There is nobody with that id in the hall.",
  cannot_target_self: "You cannot do this to yourself.",
  protected_participant: "Your role does not allow this on that person.",
  already_in_role: "That person already has this role.",
  invalid_reason: "Give a reason of 1 to 280 characters, without control characters.",
  queue_empty: "Nobody has raised their hand.",
  nobody_has_floor: "Nobody has the floor.",
  not_in_queue: "That person has not raised their hand.",
  not_a_speaker: "Observers cannot be given the floor.",
  floor_required: "In town-hall mode, citizens speak when they have the floor.",
  muted_by_facilitator: "A facilitator has muted you.",
  consultation_closed: "This consultation is closed.",
};

function refusal(code: ErrorCode): Refusal {
  return new Refusal(code, REFUSAL_TEXT[code] ?? code);
}

function limitDetail(limitSeconds: number | undefined): NewAuditEntry["detail"] {
  return limitSeconds === undefined ? undefined : { limitSeconds };
}

function writePose(pose: AvatarPose, head: PoseTuple, left: PoseTuple, right: PoseTuple): void {
  pose.headPosition = packPosition(head[0], head[1], head[2]);
  pose.headRotation = packQuaternion(head[3], head[4], head[5], head[6]);
  pose.leftPosition = packPosition(left[0], left[1], left[2]);
  pose.leftRotation = packQuaternion(left[3], left[4], left[5], left[6]);
  pose.rightPosition = packPosition(right[0], right[1], right[2]);
  pose.rightRotation = packQuaternion(right[3], right[4], right[5], right[6]);
}

/** Standing or seated at (x, z) facing `yaw`, with hands resting beside the body. */
function placeAvatar(participant: Participant, x: number, eyeHeight: number, z: number, yaw: number): void {
  const rotation = packQuaternion(0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2));
  const sideX = Math.cos(yaw) * 0.3;
  const sideZ = -Math.sin(yaw) * 0.3;
  const handHeight = eyeHeight - 0.7;
  Object.assign(participant.pose, {
    headPosition: packPosition(x, eyeHeight, z),
    headRotation: rotation,
    leftPosition: packPosition(x - sideX, handHeight, z - sideZ),
    leftRotation: rotation,
    rightPosition: packPosition(x + sideX, handHeight, z + sideZ),
    rightRotation: rotation,
  });
  refreshCoarse(participant);
}

export function createTownHallRoom(deps: TownHallDeps) {
  return class TownHallRoom
    extends Room<{ state: TownHallState; client: TownHallClient }>
    implements HallCalls
  {
    override state = new TownHallState();
    override maxMessagesPerSecond = MAX_FRAMES_PER_SECOND;
    override patchRate = 50;
    /** Who receives whose full pose; everyone gets everyone's coarse head (server/rooms/avatar-interest.ts). */
    readonly #interest = new AvatarInterest(this.state.participants);
    #joinedCount = 0;

    #queue: SpeakingQueue = [];
    /** Seats and hands stored when the process last stopped, given back to each who comes in again. */
    #returning: HallPlaces = NO_PLACES;
    #floor: Floor = NO_FLOOR;
    /** Facilitator mutes outlive a reconnect: leaving and coming back does not lift one. */
    readonly #mutedByFacilitator = new Set<string>();
    /** Dropped hall connections waiting for their participant to come back. */
    readonly #held = new HeldSeats();
    /** Agenda, polls, ideas, budget, tables, slides and closing (server/rooms/consultation-methods.ts). */
    readonly #methods = new ConsultationMethods({
      state: this.state,
      store: deps.store,
      now: deps.now,
      ballotSecret: deps.sessionSecret,
      actor: (client, action) => this.#actor(client as TownHallClient, action),
      audit: (actorId, action, targetId, reason) => this.#audit(actorId, action, targetId, reason),
      refuse: (client, code, message) => this.#refuse(client as TownHallClient, code, message),
      seat: (participant, seatId) => this.#seat(participant, seatId),
      endSpeaking: (actorId) => this.#endSpeaking(actorId),
    });

    /**
     * Runs in the matchmaking request, so its refusals reach the joining client as HTTP statuses with
     * the stable code first in the message: removed and banned sessions, banned devices and, while the
     * consultation is locked, anyone who was never in the room (facilitators excepted).
     */
    static override async onAuth(_token: string, options: unknown): Promise<Admission> {
      const parsed = RoomJoinOptions.safeParse(options);
      if (!parsed.success) throw new ServerError(400, "invalid_request: the join options are not valid");
      const claims = verifySessionToken(deps.sessionSecret, parsed.data.sessionToken, deps.now() / 1000);
      if (!claims || claims.consultationId !== parsed.data.consultationId) {
        throw new ServerError(401, "invalid_session: the session token is not valid for this consultation");
      }
      const record = await deps.store.findParticipant(claims.participantId);
      if (!record || record.consultationId !== claims.consultationId) {
        throw new ServerError(401, "invalid_session: unknown participant");
      }
      if (record.status === "banned")
        throw new ServerError(403, "banned: you have been banned from this consultation");
      if (record.status === "removed")
        throw new ServerError(403, "removed: a facilitator removed you from this consultation");
      const deviceKey = parsed.data.deviceKey;
      const deviceKeyHash = deviceKey === undefined ? undefined : hashSecret(deviceKey);
      if (
        deviceKeyHash !== undefined &&
        (await deps.store.isDeviceBanned(claims.consultationId, deviceKeyHash))
      ) {
        throw new ServerError(403, "banned: this browser has been banned from this consultation");
      }
      const view = parsed.data.view ?? "hall";
      if (view === "console" && !isFacilitating(record.role)) {
        throw new ServerError(403, "not_allowed: only facilitators and co-facilitators may open the console");
      }
      const consultation = await deps.store.findConsultation(claims.consultationId);
      if (consultation?.locked && !isFacilitating(record.role) && record.enteredAt === undefined) {
        throw new ServerError(403, "room_locked: this consultation is locked; nobody new can join");
      }
      return { ...claims, deviceKeyHash, view };
    }

    override async onCreate(options: unknown): Promise<void> {
      const parsed = RoomJoinOptions.safeParse(options);
      const consultation = parsed.success
        ? await deps.store.findConsultation(parsed.data.consultationId)
        : undefined;
      if (!consultation) throw new ServerError(404, "unknown_consultation: this consultation does not exist");
      // One id per consultation: a second room that another process creates at the same moment is refused
      // by the room list and its joiners are seated here (server/rooms/matchmaking.ts).
      this.roomId = hallRoomId(consultation.id);
      Object.assign(this.state.consultation, {
        id: consultation.id,
        title: consultation.title,
        language: consultation.language,
        phase: "open",
        mode: consultation.speakingMode,
        locked: consultation.locked,
      });
      await this.#methods.restore();
      this.#returning = readPlaces(await deps.store.loadDocument(consultation.id, "hall_places"));
      // Given back by this room only: a later room for the same consultation must not hand them out again.
      if (this.#returning !== NO_PLACES)
        await deps.store.saveDocument(consultation.id, "hall_places", NO_PLACES);
      this.clock.setInterval(() => this.#checkFloorTime(), FLOOR_CHECK_MS);
      hallMetrics.opened(this.state);
    }

    override onDispose(): void {
      hallMetrics.closed(this.state);
    }

    override broadcastPatch(): boolean {
      return hallMetrics.timedPatch(() => super.broadcastPatch());
    }

    slidesChanged(): Promise<void> {
      return this.#methods.slidesChanged();
    }

    voiceDecision(participantId: string): boolean | null {
      return deps.voice.decision(this.state.consultation.id, participantId) ?? null;
    }

    override onBeforePatch(): void {
      this.#interest.step();
    }

    override async onJoin(client: TownHallClient, options: unknown, auth: Admission): Promise<void> {
      const record = await deps.store.findParticipant(auth.participantId);
      if (!record || record.consultationId !== auth.consultationId) {
        throw new ServerError(401, "invalid_session: unknown participant");
      }
      hallMetrics.joined();
      const now = deps.now();
      if (auth.view === "console") {
        // A second screen: no avatar, and the hall connection (if any) stays.
        const actor = new Participant();
        Object.assign(actor, {
          id: record.id,
          name: record.displayName,
          color: record.color,
          role: record.role,
        });
        client.userData = this.#connection(record.id, auth.deviceKeyHash, actor, now);
        return;
      }
      for (const other of this.clients) {
        if (other !== client && other.userData?.participantId === record.id && !other.userData.console) {
          other.leave(CLOSE_CODES.replacedBySameParticipant, "joined again elsewhere");
        }
      }
      client.userData = this.#connection(record.id, auth.deviceKeyHash, undefined, now);
      // Back on a new connection (a reloaded page) while the old one was held: the old one is let go.
      this.#held.end(record.id);
      await deps.store.markEntered(record.id, now);
      const device = RoomJoinOptions.safeParse(options).data?.device ?? "desktop";
      const present = this.state.participants.get(record.id);
      const participant = present ?? new Participant();
      // The role is the stored, current one: a promotion or demotion in the room outlives a reconnect.
      Object.assign(participant, {
        id: record.id,
        name: record.displayName,
        color: record.color,
        role: record.role,
        device,
        connection: "connected",
      });
      if (!present) {
        const spawn = spawnPoint(this.#joinedCount++);
        placeAvatar(participant, spawn.x, STANDING_EYE_HEIGHT, spawn.z, 0);
        this.state.participants.set(record.id, participant);
        this.#giveBackPlaces(participant, now);
      }
      this.#interest.watch(client, record.id);
      await this.#methods.joined(participant);
      this.#syncSpeech(true);
    }

    /**
     * A connection lost without leaving (network, sleeping headset): the avatar, seat, queue place,
     * floor (its timer keeps running) and ballots stay while Colyseus holds the session for the grace
     * period; the others see "reconnecting". Unless the SDK comes back in time, `onLeave` follows.
     */
    override onDrop(client: TownHallClient, code?: number): void {
      hallMetrics.dropped();
      const participant = this.#avatarOf(client);
      if (!participant || !holdsSeat(code)) return;
      participant.connection = "reconnecting";
      this.#held.hold(
        participant.id,
        this.allowReconnection(client, deps.reconnectGraceSeconds ?? DEFAULT_RECONNECT_GRACE_SECONDS),
      );
    }

    override onReconnect(client: TownHallClient): void {
      const participant = this.#avatarOf(client);
      if (!participant) return;
      this.#held.release(participant.id);
      participant.connection = "connected";
    }

    /**
     * The process is stopping (SIGTERM): everyone is told, the writes in flight and the running floor
     * time are stored, then Colyseus closes the connections (clients come back once it runs again).
     */
    override onBeforeShutdown(): void {
      this.broadcast(SERVER_RESTARTING_MESSAGE, {});
      const places = placesOf(this.state.participants.values(), this.#queue, deps.now());
      Promise.all([
        deps.store.saveDocument(this.state.consultation.id, "hall_places", places),
        this.#methods.suspend(),
      ])
        .catch((error: unknown) => serverLog.error("Could not store the room before stopping:", error))
        .finally(() => super.onBeforeShutdown());
    }

    override onLeave(client: TownHallClient): void {
      hallMetrics.left();
      this.#interest.unwatch(client);
      const id = client.userData?.participantId;
      if (!id || client.userData?.console) return;
      this.#held.release(id);
      // A participant who re-joined from elsewhere keeps their avatar when the old connection goes.
      const stillConnected = this.clients.some(
        (other) => other !== client && other.userData?.participantId === id && !other.userData.console,
      );
      if (stillConnected) return;
      this.state.participants.delete(id);
      this.#queue = lowerHand(this.#queue, id);
      if (this.#floor.holderId === id) this.#floor = NO_FLOOR;
      deps.voice.forget(this.state.consultation.id, id);
      this.#syncSpeech();
    }

    override messages = hallMetrics.observedCommands({
      pose: this.#validated("pose", (client, message) => {
        const participant = this.#avatarOf(client);
        if (!participant) return;
        if (!isAcceptablePose(message))
          return this.#refuse(
            client,
            "pose_out_of_hall",
            "A tracked part is outside the hall or out of reach.",
          );
        if (!client.userData?.poses.take(deps.now())) return;
        writePose(participant.pose, message.head, message.leftHand, message.rightHand);
      }),
      sit: this.#validated("sit", (client, message) => {
        const participant = this.#avatarOf(client);
        if (!participant) return;
        const seat = seatById(message.seat);
        if (!seat) return this.#refuse(client, "unknown_seat", "There is no such seat.");
        for (const other of this.state.participants.values()) {
          if (other !== participant && other.seat === seat.id) {
            return this.#refuse(client, "seat_taken", "Someone is already sitting there.");
          }
        }
        this.#seat(participant, seat.id);
      }),
      stand: this.#validated("stand", (client) => {
        const participant = this.#avatarOf(client);
        if (participant) participant.seat = -1;
      }),
      device: this.#validated("device", (client, message) => {
        const participant = this.#avatarOf(client);
        if (participant) participant.device = message.kind;
      }),
      low_bandwidth: this.#validated("low_bandwidth", (client, message) => {
        this.#interest.setLowBandwidth(client, message.on);
      }),
      mute: this.#validated("mute", (client, message) => {
        const participant = this.#avatarOf(client);
        if (!participant) return;
        if (!message.muted) {
          const phase = this.state.consultation.phase;
          const refused = speakRefusal(this.#speakerStatus(participant), this.#mode, phase);
          if (refused) throw refusal(refused);
        }
        participant.muted = message.muted;
      }),
      signal: this.#validated("signal", (client, message) => {
        const from = client.userData?.console ? undefined : client.userData?.participantId;
        const target = this.clients.find(
          (other) => other.userData?.participantId === message.to && !other.userData.console,
        );
        if (!from || !target || target === client) {
          return this.#refuse(client, "unknown_participant", "There is nobody with that id in the hall.");
        }
        const relayed: RelayedSignal = {
          from,
          description: message.description,
          candidate: message.candidate,
        };
        target.send(SIGNAL_MESSAGE, relayed);
      }),
      raise_hand: this.#validated("raise_hand", (client) => {
        const actor = this.#actor(client, "raise_hand");
        // Only someone in the hall can be given the floor: a console alone raises no hand.
        if (!this.#avatarOf(client)) throw refusal("not_allowed");
        this.#queue = raiseHand(this.#queue, actor.id, deps.now());
        this.#syncSpeech();
      }),
      lower_hand: this.#validated("lower_hand", async (client, message) => {
        const self = this.#participantOf(client);
        if (!self) return;
        if (message.participantId === undefined || message.participantId === self.id) {
          this.#queue = lowerHand(this.#queue, self.id);
          return this.#syncSpeech();
        }
        const target = this.#target(self, "dismiss_hand", message.participantId);
        if (!isInQueue(this.#queue, target.id)) throw refusal("not_in_queue");
        await this.#dismissHand(self.id, target.id);
        this.#syncSpeech();
      }),
      give_floor: this.#validated("give_floor", async (client, message) => {
        const actor = this.#actor(client, "give_floor");
        let result: ReturnType<typeof giveFloor>;
        if ("next" in message) {
          result = giveFloorToNext(this.#floor, this.#queue, deps.now(), message.limitSeconds);
        } else {
          const target = this.state.participants.get(message.participantId);
          if (!target) throw refusal("unknown_participant");
          if (!isSpeakerRole(target.role)) throw refusal("not_a_speaker");
          result = giveFloor(this.#floor, this.#queue, target.id, deps.now(), message.limitSeconds);
        }
        if (!result.ok) throw refusal(result.code);
        const holderId = result.floor.holderId as string;
        await this.#audit(actor.id, "give_floor", holderId, undefined, limitDetail(message.limitSeconds));
        this.#floor = result.floor;
        this.#queue = result.queue;
        // Being given the floor lifts a facilitator's mute; the microphone itself stays as the speaker set it.
        this.#mutedByFacilitator.delete(holderId);
        this.#syncSpeech();
      }),
      take_floor: this.#validated("take_floor", async (client) => {
        const actor = this.#actor(client, "take_floor");
        await this.#takeFloor(actor.id);
        this.#syncSpeech();
      }),
      extend_floor: this.#validated("extend_floor", async (client, message) => {
        const actor = this.#actor(client, "extend_floor");
        const result = extendFloor(this.#floor, message.seconds, deps.now());
        if (!result.ok) throw refusal(result.code);
        await this.#audit(actor.id, "extend_floor", result.floor.holderId, undefined, {
          seconds: message.seconds,
        });
        this.#floor = result.floor;
        this.#syncSpeech();
      }),
      set_mode: this.#validated("set_mode", async (client, message) => {
        const actor = this.#actor(client, "set_mode");
        if (message.mode === this.#mode) return;
        await deps.store.setSpeakingMode(this.state.consultation.id, message.mode);
        await this.#audit(actor.id, "set_mode", undefined, undefined, { mode: message.mode });
        this.state.consultation.mode = message.mode;
        this.#syncSpeech();
      }),
      mute_participant: this.#validated("mute_participant", async (client, message) => {
        const actor = this.#actor(client);
        const target = this.#target(actor, "mute", message.participantId);
        const reason = message.reason === undefined ? undefined : this.#reason(message.reason);
        await this.#audit(actor.id, "mute", target.id, reason);
        this.#mutedByFacilitator.add(target.id);
        this.#syncSpeech();
      }),
      unmute_participant: this.#validated("unmute_participant", async (client, message) => {
        const actor = this.#actor(client);
        const target = this.#target(actor, "unmute", message.participantId);
        await this.#audit(actor.id, "unmute", target.id);
        this.#mutedByFacilitator.delete(target.id);
        this.#syncSpeech();
      }),
      mute_all: this.#validated("mute_all", async (client) => {
        const actor = this.#actor(client, "mute_all");
        await this.#audit(actor.id, "mute_all");
        for (const participant of this.state.participants.values()) {
          if (!isFacilitating(participant.role) && participant.id !== this.#floor.holderId) {
            this.#mutedByFacilitator.add(participant.id);
          }
        }
        this.#syncSpeech();
      }),
      move_participant: this.#validated("move_participant", async (client, message) => {
        const actor = this.#actor(client);
        const target = this.#target(actor, "move", message.participantId);
        const seat = seatById(message.seat);
        if (!seat) throw refusal("unknown_seat");
        if (this.#seatTakenByOther(seat.id, target)) throw refusal("seat_taken");
        await this.#audit(actor.id, "move", target.id, undefined, { seat: seat.id });
        target.seat = seat.id;
        placeAvatar(target, seat.x, SEATED_EYE_HEIGHT, seat.z, seat.yaw);
      }),
      remove_participant: this.#validated("remove_participant", async (client, message) => {
        const actor = this.#actor(client);
        const target = this.#target(actor, "remove", message.participantId);
        const reason = this.#reason(message.reason);
        await deps.store.setParticipantStatus(target.id, "removed");
        await this.#audit(actor.id, "remove", target.id, reason);
        this.#letGo(target.id, CLOSE_CODES.removedByFacilitator, reason);
      }),
      ban_participant: this.#validated("ban_participant", async (client, message) => {
        const actor = this.#actor(client);
        const target = this.#target(actor, "ban", message.participantId);
        const reason = this.#reason(message.reason);
        const record = await deps.store.findParticipant(target.id);
        const deviceKeyHashes = new Set<string>();
        if (record?.deviceKeyHash) deviceKeyHashes.add(record.deviceKeyHash);
        for (const other of this.clients) {
          const hash = other.userData?.participantId === target.id ? other.userData.deviceKeyHash : undefined;
          if (hash) deviceKeyHashes.add(hash);
        }
        await deps.store.setParticipantStatus(target.id, "banned");
        const now = deps.now();
        for (const hash of deviceKeyHashes)
          await deps.store.addBan(this.state.consultation.id, hash, target.id, now);
        await this.#audit(actor.id, "ban", target.id, reason, { devices: deviceKeyHashes.size });
        this.#letGo(target.id, CLOSE_CODES.bannedByFacilitator, reason);
      }),
      lock_room: this.#validated("lock_room", async (client, message) => {
        const actor = this.#actor(client, "lock");
        if (message.locked === this.state.consultation.locked) return;
        await deps.store.setLocked(this.state.consultation.id, message.locked);
        await this.#audit(actor.id, message.locked ? "lock" : "unlock");
        this.state.consultation.locked = message.locked;
      }),
      set_role: this.#validated("set_role", async (client, message) => {
        const actor = this.#actor(client);
        const target = this.state.participants.get(message.participantId);
        const check = checkRoleChange(actor, target, message.role);
        if (!check.ok || !target) throw refusal(check.ok ? "unknown_participant" : check.code);
        await deps.store.setParticipantRole(target.id, message.role);
        await this.#audit(actor.id, "set_role", target.id, undefined, {
          from: target.role,
          to: message.role,
        });
        target.role = message.role;
        for (const other of this.clients) {
          if (other.userData?.participantId === target.id && other.userData.console) {
            other.userData.console.role = message.role;
          }
        }
        if (!isSpeakerRole(message.role)) {
          this.#queue = lowerHand(this.#queue, target.id);
          if (this.#floor.holderId === target.id) this.#floor = NO_FLOOR;
        }
        this.#syncSpeech();
      }),
      report: this.#validated("report", async (client, message) => {
        const actor = this.#actor(client, "report");
        const about = this.state.participants.get(message.participantId);
        if (!about) throw refusal("unknown_participant");
        if (about.id === actor.id) throw refusal("cannot_target_self");
        const reason = this.#reason(message.reason);
        if (!client.userData?.reports.take(deps.now())) throw refusal("rate_limited");
        const at = deps.now();
        const id = await this.#audit(actor.id, "report", about.id, reason);
        const report: ReportReceived = {
          id,
          at,
          fromId: actor.id,
          fromName: actor.name,
          aboutId: about.id,
          aboutName: about.name,
          reason,
        };
        for (const other of this.clients) {
          const participant = this.#participantOf(other);
          if (participant && can(participant.role, "read_audit")) other.send(REPORT_RECEIVED_MESSAGE, report);
        }
      }),
      audit_log: async (client: TownHallClient, raw: unknown): Promise<AuditLogResponse> => {
        try {
          if (!ClientMessages.audit_log.safeParse(raw).success) throw refusal("invalid_message");
          this.#actor(client, "read_audit");
          const entries = await deps.store.listAudit(this.state.consultation.id);
          return { ok: true, entries, counts: countAuditActions(entries) };
        } catch (error) {
          const body = this.#refusalBody(error, "audit_log");
          this.#refuse(client, body.code, body.message);
          return { ok: false, error: body };
        }
      },
      ...this.#methods.messages(),
      _: (client: TownHallClient, type: unknown) => {
        this.#refuse(
          client,
          "unknown_message",
          `The room does not accept messages of type "${String(type).slice(0, 40)}".`,
        );
      },
    });

    #connection(
      participantId: string,
      deviceKeyHash: string | undefined,
      console: Participant | undefined,
      now: number,
    ): Connection {
      return {
        participantId,
        console,
        deviceKeyHash,
        poses: new TokenBucket(MAX_POSES_PER_SECOND / 3, MAX_POSES_PER_SECOND, now),
        errors: new TokenBucket(ERROR_REPLIES_PER_SECOND, ERROR_REPLIES_PER_SECOND, now),
        reports: new TokenBucket(REPORT_BURST, REPORTS_PER_SECOND, now),
      };
    }

    /** The sender as the room knows them: their avatar, or for a console without one, who opened it. */
    #participantOf(client: TownHallClient): Participant | undefined {
      const id = client.userData?.participantId;
      if (id === undefined) return undefined;
      return this.state.participants.get(id) ?? client.userData?.console;
    }

    /** The sender's avatar, for what only the hall connection does (move, sit, speak, signal). */
    #avatarOf(client: TownHallClient): Participant | undefined {
      const id = client.userData?.participantId;
      return id === undefined || client.userData?.console ? undefined : this.state.participants.get(id);
    }

    get #mode(): SpeakingMode {
      return this.state.consultation.mode === "open" ? "open" : "town_hall";
    }

    /**
     * The sender, as the server knows them, allowed to do `action` by their current role in the state
     * and by the consultation's phase (a closed one refuses what would change what its report froze).
     */
    #actor(client: TownHallClient, action?: Action): Participant {
      const actor = this.#participantOf(client);
      if (!actor || (action !== undefined && !can(actor.role, action))) throw refusal("not_allowed");
      const closed = action === undefined ? undefined : closedRefusal(this.state.consultation.phase, action);
      if (closed) throw refusal(closed);
      return actor;
    }

    /**
     * Someone present whom `actor` may act on with `action`. The closed rule is checked here too: these
     * actions name no action to `#actor`, because whether one may act on others depends on the target.
     */
    #target(actor: Participant, action: Action, targetId: string): Participant {
      const target = this.state.participants.get(targetId);
      const check = checkTargetedAction(actor, action, target);
      if (!check.ok || !target) throw refusal(check.ok ? "unknown_participant" : check.code);
      const closed = closedRefusal(this.state.consultation.phase, action);
      if (closed) throw refusal(closed);
      return target;
    }

    #reason(raw: string): string {
      const checked = checkReason(raw);
      if (!checked.ok) throw refusal(checked.code);
      return checked.text;
    }

    #seat(participant: Participant, seatId: number): void {
      const seat = seatById(seatId);
      if (!seat) return;
      participant.seat = seat.id;
      placeAvatar(participant, seat.x, SEATED_EYE_HEIGHT, seat.z, seat.yaw);
    }

    /**
     * Someone back after a restart finds their seat, unless another took it since, and their raised hand
     * in its old place, unless the consultation has closed since.
     */
    #giveBackPlaces(participant: Participant, now: number): void {
      const back = takePlaces(this.#returning, participant.id, now);
      this.#returning = back.rest;
      if (back.seat !== undefined && !this.#seatTakenByOther(back.seat, participant)) {
        this.#seat(participant, back.seat);
      }
      if (back.hand && !isClosed(this.state.consultation.phase))
        this.#queue = returnHand(this.#queue, back.hand);
    }

    #seatTakenByOther(seatId: number, participant: Participant): boolean {
      for (const other of this.state.participants.values())
        if (other !== participant && other.seat === seatId) return true;
      return false;
    }

    async #audit(
      actorId: string | undefined,
      action: AuditAction,
      targetId?: string,
      reason?: string,
      detail?: NewAuditEntry["detail"],
    ): Promise<number> {
      return deps.store.appendAudit({
        consultationId: this.state.consultation.id,
        at: deps.now(),
        actorId,
        action,
        targetId,
        reason,
        detail,
      });
    }

    #speakerStatus(participant: Participant) {
      return {
        role: participant.role,
        hasFloor: this.#floor.holderId === participant.id,
        mutedByFacilitator: this.#mutedByFacilitator.has(participant.id),
      };
    }

    /**
     * Writes the queue, the floor and everyone's right to speak into the state. Whoever loses the right
     * is muted; whoever gains it stays muted until they unmute. Voice enforcement hears of every change
     * (of everyone, with `everyone`, when someone joins and the voice service has to learn about them).
     */
    #syncSpeech(everyone = false): void {
      const order = queueOrder(this.#queue);
      if (order.join(" ") !== [...this.state.speakingQueue].join(" ")) {
        this.state.speakingQueue.clear();
        this.state.speakingQueue.push(...order);
      }
      this.state.floor.holderId = this.#floor.holderId ?? "";
      this.state.floor.endsAt = this.#floor.endsAt ?? 0;
      this.state.floor.graceMs = this.#floor.endsAt === undefined ? 0 : FLOOR_GRACE_MS;
      this.#methods.floorChanged(this.#floor.holderId);
      for (const participant of this.state.participants.values()) {
        const status = this.#speakerStatus(participant);
        participant.handRaised = isInQueue(this.#queue, participant.id);
        participant.hasFloor = status.hasFloor;
        participant.mutedByFacilitator = status.mutedByFacilitator;
        const canSpeak = maySpeak(status, this.#mode, this.state.consultation.phase);
        if (!canSpeak) participant.muted = true;
        if (canSpeak === participant.canSpeak && !everyone) continue;
        participant.canSpeak = canSpeak;
        deps.voice
          .setCanSpeak(this.state.consultation.id, participant.id, canSpeak)
          .catch((error: unknown) => {
            serverLog.error("Voice enforcement failed:", error);
          });
      }
    }

    /** Takes the floor back from whoever holds it, on `actorId`'s behalf; the caller syncs the state. */
    async #takeFloor(actorId: string): Promise<void> {
      const result = takeFloor(this.#floor, this.#queue);
      if (!result.ok) throw refusal(result.code);
      await this.#audit(actorId, "take_floor", result.previousHolderId);
      this.#floor = result.floor;
    }

    /** Lowers someone's raised hand on `actorId`'s behalf; the caller syncs the state. */
    async #dismissHand(actorId: string, participantId: string): Promise<void> {
      await this.#audit(actorId, "dismiss_hand", participantId);
      this.#queue = lowerHand(this.#queue, participantId);
    }

    /**
     * The consultation closed: the speaker loses the floor (and its timer) and every hand comes down,
     * through the same audited steps a facilitator takes by hand, so nobody is left holding the floor.
     */
    async #endSpeaking(actorId: string): Promise<void> {
      try {
        if (this.#floor.holderId !== undefined) await this.#takeFloor(actorId);
        for (const participantId of queueOrder(this.#queue)) await this.#dismissHand(actorId, participantId);
      } finally {
        // What changed before a failed write still reaches the state.
        this.#syncSpeech();
      }
    }

    /** Ends the floor of a speaker whose time and grace ran out: they lose the floor and are muted. */
    #checkFloorTime(): void {
      if (floorPhase(this.#floor, deps.now(), FLOOR_GRACE_MS) !== "expired") return;
      const holderId = this.#floor.holderId;
      this.#floor = NO_FLOOR;
      const holder = holderId === undefined ? undefined : this.state.participants.get(holderId);
      if (holder) holder.muted = true;
      this.#syncSpeech();
      this.#audit(undefined, "floor_expired", holderId).catch((error: unknown) =>
        serverLog.error("Audit failed:", error),
      );
    }

    /** Closes every connection of a removed or banned participant, with the facilitator's reason. */
    #letGo(participantId: string, code: number, reason: string): void {
      this.#queue = lowerHand(this.#queue, participantId);
      if (this.#floor.holderId === participantId) this.#floor = NO_FLOOR;
      for (const other of [...this.clients]) {
        if (other.userData?.participantId === participantId) other.leave(code, reason);
      }
      // Away on a held connection: the hold ends, so the SDK cannot bring them back.
      this.#held.end(participantId);
      deps.voice.remove(this.state.consultation.id, participantId).catch((error: unknown) => {
        serverLog.error("Voice removal failed:", error);
      });
      this.#syncSpeech();
    }

    #refusalBody(error: unknown, type: string): ErrorBody {
      if (error instanceof Refusal) return { code: error.code, message: error.message };
      serverLog.error(`Unexpected error while handling "${type}":`, error);
      return { code: "internal", message: "Something went wrong on the server." };
    }

    /**
     * Parses with the message's schema, then runs the handler; an invalid message, or a rule's refusal
     * (a thrown Refusal, before anything changed), is answered with an error and changes nothing.
     */
    #validated<K extends ClientMessageType>(
      type: K,
      handler: (client: TownHallClient, message: ClientMessage<K>) => void | Promise<void>,
    ) {
      const schema: z.ZodType<ClientMessage<K>> = ClientMessages[type] as unknown as z.ZodType<
        ClientMessage<K>
      >;
      return async (client: TownHallClient, raw: unknown): Promise<void> => {
        const result = schema.safeParse(raw);
        if (!result.success)
          return this.#refuse(client, "invalid_message", `The "${type}" message is not valid.`);
        try {
          await handler(client, result.data);
        } catch (error) {
          const body = this.#refusalBody(error, type);
          this.#refuse(client, body.code, body.message);
        }
      };
    }

    /** Replies with an error, at most a few per second, so that a misbehaving client cannot make the server shout. */
    #refuse(client: TownHallClient, code: ErrorCode, message: string): void {
      hallMetrics.refused(code);
      if (!client.userData?.errors.take(deps.now())) return;
      const body: ErrorBody = { code, message };
      client.send(SERVER_ERROR_MESSAGE, body);
    }
  };
}
