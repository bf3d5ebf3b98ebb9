/**
 * Who is in the hall and where: joining (with the seat and hand kept from before a restart), leaving,
 * dropping and reconnecting, and what people do with their own avatar (pose, seat, device, microphone).
 * Joins, leaves, drops and reconnects are commands like any message, in the room's one order.
 */
import { ServerError } from "@colyseus/core";
import { doorRefusal } from "../../shared/consultation/access.ts";
import { isClosed } from "../../shared/consultation/closing.ts";
import {
  type HallPlaces,
  NO_PLACES,
  placesOf,
  returnHand,
  takePlaces,
} from "../../shared/consultation/returning-places.ts";
import { isFacilitating, isInterpreter } from "../../shared/consultation/roles.ts";
import { speakRefusal } from "../../shared/consultation/speaking-mode.ts";
import { hallAdmits } from "../../shared/hall/hall-capacity.ts";
import { STANDING_EYE_HEIGHT, seatById, spawnPoint } from "../../shared/hall/hall-geometry.ts";
import { isAcceptablePose } from "../../shared/pose/pose-rules.ts";
import { RoomJoinOptions } from "../../shared/protocol/http-api.ts";
import { CLOSE_CODES } from "../../shared/protocol/room-messages.ts";
import { Participant } from "../../shared/state/town-hall-state.ts";
import { LINK_REPLACED_REASON } from "../consultations/facilitator-link.ts";
import { INVITATION_REVOKED_REASON } from "../consultations/invitations.ts";
import { hallMetrics } from "../metrics/hall-metrics.ts";
import type { ConsultationStore, ParticipantRecord } from "../store/consultation-store.ts";
import type { AvatarInterest } from "./avatar-interest.ts";
import { placeAvatar, seatParticipant, seatTakenByOther, writePose } from "./avatar-placement.ts";
import { type Admission, avatarOf, type HallClient, newConnection } from "./hall-client.ts";
import type { HallContext, StoredChange } from "./hall-context.ts";
import { DEFAULT_RECONNECT_GRACE_SECONDS, type HeldSeats, holdsSeat } from "./reconnection.ts";
import { refused } from "./refusal.ts";

export interface PresenceDeps {
  readonly interest: AvatarInterest;
  readonly held: HeldSeats;
  /** What entering the hall stores and changes beyond presence: attendance, the peak, a table. */
  readonly arrived: (participant: Participant, present: number) => StoredChange;
  readonly reconnectGraceSeconds: number | undefined;
  /** People the hall admits (`HALL_CAPACITY`); facilitators always get in. */
  readonly hallCapacity: number | undefined;
}

/**
 * Why this session can take no seat, as the matchmaking check words it: a removed or banned
 * participant, one whose door the consultation's access mode has closed since (a join code once it
 * became invitation-only; facilitators excepted), or a browser a removal or a ban shut out (but for the
 * lead's own session); undefined when it may.
 */
export async function seatRefusal(
  store: ConsultationStore,
  record: ParticipantRecord,
  deviceKeyHash: string | undefined,
): Promise<ServerError | undefined> {
  if (record.status === "banned")
    return new ServerError(403, "banned: you have been banned from this consultation");
  if (record.status === "removed")
    return new ServerError(403, "removed: a facilitator removed you from this consultation");
  if (record.status === "erased")
    return new ServerError(403, "erased: your data in this consultation was erased at your request");
  if (record.status === "link_replaced")
    return new ServerError(403, `facilitator_link_replaced: ${LINK_REPLACED_REASON}`);
  if (record.status === "revoked")
    return new ServerError(403, `invitation_revoked: ${INVITATION_REVOKED_REASON}`);
  const consultation = await store.findConsultation(record.consultationId);
  const closedDoor =
    consultation && !isFacilitating(record.role)
      ? doorRefusal(consultation.access, record.door ?? "join_code")
      : undefined;
  if (closedDoor)
    return new ServerError(
      403,
      `${closedDoor}: this consultation no longer admits people who came in this way`,
    );
  const shutOut =
    deviceKeyHash === undefined ? undefined : await store.deviceShutOut(record.consultationId, deviceKeyHash);
  // The lead's own session never: whoever they removed may have sat at the same browser (a second tab),
  // and nobody may lock the lead out of their consultation.
  if (shutOut && consultation?.leadParticipantId === record.id) return undefined;
  if (shutOut === "banned")
    return new ServerError(403, "banned: this browser has been banned from this consultation");
  if (shutOut === "removed")
    return new ServerError(403, "removed: a facilitator removed someone from this browser");
  return undefined;
}

export class PresenceCommands {
  readonly #hall: HallContext;
  readonly #deps: PresenceDeps;
  #joinedCount = 0;
  /** Seats and hands stored when the process last stopped, given back to each who comes in again. */
  #returning: HallPlaces = NO_PLACES;

  constructor(hall: HallContext, deps: PresenceDeps) {
    this.#hall = hall;
    this.#deps = deps;
  }

  /** The places to give back in this room, read once when it is created. */
  set returning(places: HallPlaces) {
    this.#returning = places;
  }

  /** The seats and raised hands to store when the process stops. */
  places(): HallPlaces {
    return placesOf(this.#hall.state.participants.values(), this.#hall.speech.queue, this.#hall.now());
  }

  /**
   * Someone takes their reserved seat. Their record is read again here: matchmaking checked it, but a
   * removal or ban may have come in between, and a removed or banned participant never takes a seat.
   * A full hall holds here too: the door turns people away once it is full, but sessions it issued while
   * there was room may arrive together. Joins run one at a time in the room's order, so the avatars
   * (those held for a reconnection too) are every place taken before this one.
   */
  join(client: HallClient, options: unknown, auth: Admission): Promise<void> {
    const hall = this.#hall;
    return hall.pipeline.run("join", async () => {
      const record = await hall.store.findParticipant(auth.participantId);
      if (!record || record.consultationId !== auth.consultationId)
        throw new ServerError(401, "invalid_session: unknown participant");
      const refusal = await seatRefusal(hall.store, record, auth.deviceKeyHash);
      if (refusal) throw refusal;
      // Counted once the participant is known and may sit: a console counts too.
      hallMetrics.joined();
      const now = hall.now();
      // The lead may have come through the facilitator link after the room opened (a citizen was first).
      if (record.role === "facilitator" && hall.state.consultation.leadId === "")
        hall.state.consultation.leadId =
          (await hall.store.findConsultation(record.consultationId))?.leadParticipantId ?? "";
      if (auth.view === "console") {
        // A second screen: no avatar, and the hall connection (if any) stays.
        const actor = new Participant();
        Object.assign(actor, {
          id: record.id,
          name: record.displayName,
          color: record.color,
          role: record.role,
        });
        client.userData = newConnection(record.id, auth.deviceKeyHash, actor, now);
        return;
      }
      const present = hall.state.participants.get(record.id);
      if (
        !present &&
        !hallAdmits(hall.state.participants.size, isFacilitating(record.role), this.#deps.hallCapacity)
      )
        throw new ServerError(409, "hall_full: the hall is full; please try again when someone leaves");
      const participant = present ?? new Participant();
      // The role is the stored, current one: a promotion or demotion in the room outlives a reconnect.
      Object.assign(participant, {
        id: record.id,
        name: record.displayName,
        color: record.color,
        role: record.role,
        device: RoomJoinOptions.safeParse(options).data?.device ?? "desktop",
        connection: "connected",
      });
      const arrival = this.#deps.arrived(participant, hall.state.participants.size + (present ? 0 : 1));
      await hall.store.transaction(async (tx) => {
        await tx.markEntered(record.id, now);
        await arrival.write(tx);
      });
      for (const other of hall.clients()) {
        if (other !== client && other.userData?.participantId === record.id && !other.userData.console)
          other.leave(CLOSE_CODES.replacedBySameParticipant, "joined again elsewhere");
      }
      client.userData = newConnection(record.id, auth.deviceKeyHash, undefined, now);
      // Back on a new connection (a reloaded page) while the old one was held: the old one is let go.
      this.#deps.held.end(record.id);
      if (!present) {
        const spawn = spawnPoint(this.#joinedCount++);
        placeAvatar(participant, spawn.x, STANDING_EYE_HEIGHT, spawn.z, 0);
        hall.state.participants.set(record.id, participant);
        this.#giveBackPlaces(participant, now);
      }
      arrival.apply();
      this.#deps.interest.watch(client, record.id);
      if (isInterpreter(record.role))
        hall.speech.restoreInterpreter(record.id, record.interpreterLanguages ?? []);
      hall.speech.sync(record.id);
    });
  }

  /**
   * A connection lost without leaving (network, sleeping headset): the avatar, seat, queue place, floor
   * (its timer keeps running) and ballots stay while Colyseus holds the session for the grace period;
   * the others see "reconnecting". Unless the SDK comes back in time, `leave` follows.
   */
  drop(
    client: HallClient,
    code: number | undefined,
    allowReconnection: (seconds: number) => Parameters<HeldSeats["hold"]>[1],
  ): void {
    hallMetrics.dropped();
    const participant = avatarOf(this.#hall.state, client);
    if (!participant || !holdsSeat(code)) return;
    this.#deps.held.hold(
      participant.id,
      allowReconnection(this.#deps.reconnectGraceSeconds ?? DEFAULT_RECONNECT_GRACE_SECONDS),
    );
    this.#hall.pipeline.run("drop", () => {
      if (this.#hall.state.participants.get(participant.id) !== participant) return;
      participant.connection = "reconnecting";
      // An interpreter's channel is off the air while they are away.
      this.#hall.speech.sync();
    });
  }

  reconnect(client: HallClient): Promise<void> {
    return this.#hall.pipeline.run("reconnect", () => {
      const participant = avatarOf(this.#hall.state, client);
      if (!participant) return;
      this.#deps.held.release(participant.id);
      participant.connection = "connected";
      this.#hall.speech.sync();
    });
  }

  leave(client: HallClient, stillConnected: () => boolean): Promise<void> {
    const hall = this.#hall;
    hallMetrics.left();
    this.#deps.interest.unwatch(client);
    return hall.pipeline.run("leave", () => {
      const id = client.userData?.participantId;
      if (!id || client.userData?.console) return;
      this.#deps.held.release(id);
      // A participant who re-joined from elsewhere keeps their avatar when the old connection goes.
      if (stillConnected()) return;
      hall.state.participants.delete(id);
      hall.speech.release(id);
      hall.voice.forget(hall.state.consultation.id, id);
      hall.speech.sync();
    });
  }

  get messages() {
    const hall = this.#hall;
    const { pipeline, speech, state } = hall;
    return {
      pose: pipeline.fast("pose", (client, message) => {
        const participant = avatarOf(state, client);
        if (!participant) return;
        if (!isAcceptablePose(message)) refused("pose_out_of_hall");
        if (!client.userData?.poses.take(hall.now())) return;
        writePose(participant.pose, message.head, message.leftHand, message.rightHand);
      }),
      sit: pipeline.message("sit", (client, message) => {
        const participant = avatarOf(state, client);
        if (!participant) return;
        const seat = seatById(message.seat);
        if (!seat) refused("unknown_seat");
        if (seatTakenByOther(state, seat.id, participant)) refused("seat_taken");
        seatParticipant(participant, seat.id);
      }),
      stand: pipeline.message("stand", (client) => {
        const participant = avatarOf(state, client);
        if (participant) participant.seat = -1;
      }),
      device: pipeline.message("device", (client, message) => {
        const participant = avatarOf(state, client);
        if (participant) participant.device = message.kind;
      }),
      low_bandwidth: pipeline.message("low_bandwidth", (client, message) => {
        this.#deps.interest.setLowBandwidth(client, message.on);
      }),
      mute: pipeline.message("mute", (client, message) => {
        const participant = avatarOf(state, client);
        if (!participant) return;
        if (!message.muted) {
          const refusal = speakRefusal(speech.status(participant), speech.mode, state.consultation.phase);
          if (refusal) refused(refusal);
        }
        participant.muted = message.muted;
      }),
    };
  }

  /**
   * Someone back after a restart finds their seat, unless another took it since, and their raised hand
   * in its old place, unless the consultation has closed since.
   */
  #giveBackPlaces(participant: Participant, now: number): void {
    const back = takePlaces(this.#returning, participant.id, now);
    this.#returning = back.rest;
    if (back.seat !== undefined && !seatTakenByOther(this.#hall.state, back.seat, participant))
      seatParticipant(participant, back.seat);
    if (back.hand && !isClosed(this.#hall.state.consultation.phase))
      this.#hall.speech.queue = returnHand(this.#hall.speech.queue, back.hand);
  }
}
