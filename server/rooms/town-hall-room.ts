/**
 * One room per consultation: its lifecycle (admission, creation, restart places, shutdown) and the wiring
 * of its command modules. Every change goes through the room's one command pipeline
 * (server/rooms/command-pipeline.ts), one command at a time; the modules hold the rules' application:
 * presence, queue and floor, moderation, voice relay and the consultation methods.
 */
import { Room, ServerError } from "@colyseus/core";
import { NO_PLACES, readPlaces } from "../../shared/consultation/returning-places.ts";
import { isFacilitating } from "../../shared/consultation/roles.ts";
import { RoomJoinOptions } from "../../shared/protocol/http-api.ts";
import { MAX_FRAMES_PER_SECOND, SERVER_RESTARTING_MESSAGE } from "../../shared/protocol/room-messages.ts";
import { TownHallState } from "../../shared/state/town-hall-state.ts";
import { hashSecret } from "../auth/secrets.ts";
import { verifySessionToken } from "../auth/session-token.ts";
import type { LinkReplacement } from "../consultations/facilitator-link.ts";
import type { InvitationRevocation } from "../consultations/invitations.ts";
import { serverLog } from "../logging/rate-limited-log.ts";
import { hallMetrics } from "../metrics/hall-metrics.ts";
import type { ConsultationStore } from "../store/consultation-store.ts";
import type { VoiceModeration } from "../voice/voice-moderation.ts";
import { AvatarInterest } from "./avatar-interest.ts";
import { CommandPipeline } from "./command-pipeline.ts";
import { ConsultationCommands } from "./consultation-commands.ts";
import { FacilitationRights } from "./facilitation-rights.ts";
import { FloorCommands } from "./floor-commands.ts";
import { type HallCalls, hallRoomId } from "./hall-calls.ts";
import type { Admission, HallClient } from "./hall-client.ts";
import type { HallContext } from "./hall-context.ts";
import { HallSpeech } from "./hall-speech.ts";
import { InterpretationCommands } from "./interpretation-commands.ts";
import { ModerationCommands } from "./moderation-commands.ts";
import { PersonalDataCommands } from "./personal-data-commands.ts";
import { PresenceCommands, seatRefusal } from "./presence-commands.ts";
import { HeldSeats } from "./reconnection.ts";
import { VoiceRelay } from "./voice-relay.ts";

export interface TownHallDeps {
  readonly store: ConsultationStore;
  readonly sessionSecret: string;
  readonly now: () => number;
  readonly voice: VoiceModeration;
  /** Whether voice runs peer to peer, signalled through the room (false: through LiveKit, no signals). */
  readonly peerToPeerVoice?: boolean;
  /** How long a dropped participant's place is held for them to come back (30 s unless configured). */
  readonly reconnectGraceSeconds?: number;
  /** People the hall admits (`HALL_CAPACITY`); facilitators always get in. */
  readonly hallCapacity?: number;
}

/** How often the room checks whether a speaker's time (and grace) ran out. */
const FLOOR_CHECK_MS = 200;

export function createTownHallRoom(deps: TownHallDeps) {
  return class TownHallRoom extends Room<{ state: TownHallState; client: HallClient }> implements HallCalls {
    override state = new TownHallState();
    override maxMessagesPerSecond = MAX_FRAMES_PER_SECOND;
    override patchRate = 50;
    /** Who receives whose full pose; everyone gets everyone's coarse head (server/rooms/avatar-interest.ts). */
    readonly #interest = new AvatarInterest(this.state.participants);
    /** Dropped hall connections waiting for their participant to come back. */
    readonly #held = new HeldSeats();
    readonly #pipeline = new CommandPipeline(this.state, deps.now);
    readonly #hall: HallContext = {
      state: this.state,
      store: deps.store,
      now: deps.now,
      voice: deps.voice,
      pipeline: this.#pipeline,
      speech: new HallSpeech(this.state, deps.voice, {
        floorChanged: (holderId) => this.#consultation.attendance.floorChanged(holderId),
        channelsChanged: (live) => this.#consultation.interpretation.channelsChanged(live),
      }),
      clients: () => this.clients,
    };
    readonly #floor = new FloorCommands(this.#hall);
    readonly #consultation = new ConsultationCommands(this.#hall, this.#floor);
    readonly #presence = new PresenceCommands(this.#hall, {
      interest: this.#interest,
      held: this.#held,
      arrived: (participant, present) => this.#consultation.arrived(participant, present),
      reconnectGraceSeconds: deps.reconnectGraceSeconds,
      hallCapacity: deps.hallCapacity,
    });
    readonly #moderation = new ModerationCommands(this.#hall, this.#held);
    readonly #personalData = new PersonalDataCommands(this.#hall, {
      held: this.#held,
      reloadTexts: () => this.#consultation.reloadTexts(),
    });
    readonly #rights = new FacilitationRights(this.#hall, this.#held);
    readonly #voiceRelay = new VoiceRelay(this.#hall, deps.peerToPeerVoice ?? true);
    readonly #interpretation = new InterpretationCommands(this.#hall);

    /**
     * Runs in the matchmaking request, so its refusals reach the joining client as HTTP statuses with
     * the stable code first in the message: removed and banned sessions, banned devices and, while the
     * consultation is locked, anyone who was never in the room (facilitators excepted). `onJoin` reads
     * the status again when the seat is taken.
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
      const deviceKey = parsed.data.deviceKey;
      const deviceKeyHash = deviceKey === undefined ? undefined : hashSecret(deviceKey);
      const refusal = await seatRefusal(deps.store, record, deviceKeyHash);
      if (refusal) throw refusal;
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
        access: consultation.access,
        leadId: consultation.leadParticipantId ?? "",
      });
      await this.#consultation.restore();
      const returning = readPlaces(await deps.store.loadDocument(consultation.id, "hall_places"));
      this.#presence.returning = returning;
      // Given back by this room only: a later room for the same consultation must not hand them out again.
      if (returning !== NO_PLACES) await deps.store.saveDocument(consultation.id, "hall_places", NO_PLACES);
      this.clock.setInterval(() => {
        this.#floor.checkTime().catch((error: unknown) => serverLog.error("Floor check failed:", error));
      }, FLOOR_CHECK_MS);
      hallMetrics.opened(this.state);
    }

    override onDispose(): void {
      hallMetrics.closed(this.state);
    }

    override broadcastPatch(): boolean {
      return hallMetrics.timedPatch(() => super.broadcastPatch());
    }

    slidesChanged(): Promise<void> {
      return this.#consultation.slides.changed();
    }

    voiceDecision(participantId: string): boolean | null {
      return this.#voiceRelay.decision(participantId);
    }

    replaceFacilitatorLink(change: LinkReplacement): Promise<number> {
      if (change.consultationId !== this.state.consultation.id)
        return Promise.reject(new Error("The link replacement is for another consultation."));
      return this.#rights.replaceLink(change);
    }

    revokeInvitation(change: InvitationRevocation): Promise<true> {
      if (change.consultationId !== this.state.consultation.id)
        return Promise.reject(new Error("The revocation is for another consultation."));
      return this.#moderation.revokeInvitation(change);
    }

    voiceJoined(participantId: string): Promise<true> {
      return this.#voiceRelay.joined(participantId);
    }

    override onBeforePatch(): void {
      this.#interest.step();
    }

    override onJoin(client: HallClient, options: unknown, auth: Admission): Promise<void> {
      return this.#presence.join(client, options, auth);
    }

    override onDrop(client: HallClient, code?: number): void {
      this.#presence.drop(client, code, (seconds) => this.allowReconnection(client, seconds));
    }

    override onReconnect(client: HallClient): Promise<void> {
      return this.#presence.reconnect(client);
    }

    override onLeave(client: HallClient): Promise<void> {
      const id = client.userData?.participantId;
      return this.#presence.leave(client, () =>
        this.clients.some(
          (other) => other !== client && other.userData?.participantId === id && !other.userData?.console,
        ),
      );
    }

    /**
     * The process is stopping (SIGTERM): everyone is told, then, after the commands already asked for,
     * the seats, raised hands, running floor time and interpretation are stored; then Colyseus closes the connections
     * (clients come back once it runs again).
     */
    override onBeforeShutdown(): void {
      this.broadcast(SERVER_RESTARTING_MESSAGE, {});
      this.#pipeline
        .run("shutdown", () =>
          deps.store.transaction(async (tx) => {
            await tx.saveDocument(this.state.consultation.id, "hall_places", this.#presence.places());
            await this.#consultation.attendance.suspend()?.(tx);
            await this.#consultation.interpretation.suspend()?.(tx);
          }),
        )
        .catch((error: unknown) => serverLog.error("Could not store the room before stopping:", error))
        .finally(() => super.onBeforeShutdown());
    }

    override messages = {
      ...this.#presence.messages,
      ...this.#voiceRelay.messages,
      ...this.#floor.messages,
      ...this.#moderation.messages,
      ...this.#personalData.messages,
      ...this.#rights.messages,
      ...this.#interpretation.messages,
      ...this.#consultation.requests,
      _: (client: HallClient, type: unknown) =>
        this.#pipeline.run("other", () =>
          this.#pipeline.refuse(client, {
            code: "unknown_message",
            message: `The room does not accept messages of type "${String(type).slice(0, 40)}".`,
          }),
        ),
    };
  };
}
