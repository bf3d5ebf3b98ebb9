/**
 * The one live connection to a consultation's room: joins it, mirrors the rare state into the hall
 * store, records poses for the scene, and turns the room's errors and departures into what the
 * overlay shows.
 */
import { Callbacks, Client } from "@colyseus/sdk";
import { ERROR_CODES, type ErrorBody } from "../../../shared/protocol/error-codes.ts";
import { type JoinResponse, ROOM_NAME, type RoomJoinOptions } from "../../../shared/protocol/http-api.ts";
import type { DeviceKind } from "../../../shared/protocol/roles.ts";
import {
  CLOSE_CODES,
  type ClientMessage,
  type ClientMessageType,
  SERVER_ERROR_MESSAGE,
  SERVER_RESTARTING_MESSAGE,
  SIGNAL_MESSAGE,
} from "../../../shared/protocol/room-messages.ts";
import { TownHallState } from "../../../shared/state/town-hall-state.ts";
import { wireConsultation } from "./consultation-sync.ts";
import { deviceKey } from "./device-key.ts";
import { wireFacilitation } from "./facilitation-sync.ts";
import type { HallRoom } from "./hall-room.ts";
import { type ParticipantSummary, showToast, sortParticipants, useHallStore } from "./hall-store.ts";
import { forgetAllPoses, forgetPoses, recordPose } from "./pose-buffer.ts";
import {
  FINAL_JOIN_FAILURES,
  MAX_REJOIN_ATTEMPTS,
  rejoinDelay,
  SDK_RECONNECTION,
  shouldRejoin,
} from "./rejoin-policy.ts";
import { deliverSignal, forgetSignals } from "./voice-signals.ts";

let activeRoom: HallRoom | null = null;
let stopFacilitation: () => void = () => undefined;
let stopConsultation: () => void = () => undefined;
/** The session this tab joined with (slide uploads send it as a bearer token). */
let activeSessionToken = "";
/**
 * Counts connection attempts and departures: a join that completes after the person already left (or
 * started another attempt) is stale and is closed at once instead of becoming a ghost connection.
 */
let generation = 0;

/** What this tab joined with, so that it can join again by itself when its room is gone. */
interface HallSession {
  readonly join: JoinResponse;
  readonly device: DeviceKind;
  readonly view: "hall" | "console";
}
let session: HallSession | null = null;

export function currentRoom(): HallRoom | null {
  return activeRoom;
}

export function currentSessionToken(): string {
  return activeSessionToken;
}

export function sendToRoom<K extends ClientMessageType>(type: K, message: ClientMessage<K>): void {
  activeRoom?.send(type, message);
}

function summarise(state: TownHallState): ParticipantSummary[] {
  const list: ParticipantSummary[] = [];
  state.participants.forEach((p, id) => {
    list.push({
      id,
      name: p.name,
      color: p.color,
      role: p.role,
      device: p.device,
      seat: p.seat,
      muted: p.muted,
      handRaised: p.handRaised,
      hasFloor: p.hasFloor,
      canSpeak: p.canSpeak,
      mutedByFacilitator: p.mutedByFacilitator,
      reconnecting: p.connection === "reconnecting",
    });
  });
  return sortParticipants(list);
}

/** Matchmaking refusals arrive as "code: explanation"; anything else means the room was unreachable. */
function joinFailure(error: unknown): { code: string; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const code = message.split(":", 1)[0]?.trim() ?? "";
  return (ERROR_CODES as readonly string[]).includes(code) ? { code, message } : { code: "network", message };
}

function wire(room: HallRoom, selfId: string): void {
  const callbacks = Callbacks.get(room);
  const refresh = () => useHallStore.setState({ participants: summarise(room.state) });
  callbacks.onAdd("participants", (participant, id) => {
    recordPose(id, participant, performance.now());
    callbacks.onChange(participant, refresh);
    refresh();
  });
  callbacks.onRemove("participants", (_participant, id) => {
    forgetPoses(id);
    refresh();
  });
  room.onStateChange((state) => {
    const now = performance.now();
    state.participants.forEach((participant, id) => {
      if (id !== selfId) recordPose(id, participant, now);
    });
    const title = state.consultation?.title ?? "";
    const language = state.consultation?.language ?? "";
    const known = useHallStore.getState();
    if (title !== known.title || language !== known.language) useHallStore.setState({ title, language });
  });
  room.onMessage(SERVER_ERROR_MESSAGE, (body: ErrorBody) => showToast(body.code, body.message));
  room.onMessage(SIGNAL_MESSAGE, deliverSignal);
  room.onMessage(SERVER_RESTARTING_MESSAGE, () => useHallStore.setState({ restarting: true }));
  room.onDrop(() => useHallStore.setState({ status: "reconnecting" }));
  room.onReconnect(() => useHallStore.setState({ status: "connected", restarting: false }));
  room.onLeave((code, reason) => {
    // A room this tab left on purpose, or replaced by a newer one, is no loss to report.
    if (activeRoom !== room) return;
    activeRoom = null;
    // Removed or banned by a facilitator, or erased on request: the session is over.
    const ended =
      code === CLOSE_CODES.removedByFacilitator
        ? "removed"
        : code === CLOSE_CODES.bannedByFacilitator
          ? "banned"
          : code === CLOSE_CODES.erasedOnRequest
            ? "erased"
            : code === CLOSE_CODES.facilitatorLinkReplaced
              ? "facilitator_link_replaced"
              : "";
    if (ended) {
      // The replaced link's reason is the server's own wording: the translated error says it all.
      const given = ended === "facilitator_link_replaced" ? "" : (reason ?? "");
      useHallStore.setState({
        status: "failed",
        failure: { code: ended, message: ended, reason: given },
      });
      return;
    }
    if (session && shouldRejoin(code)) {
      void rejoin(generation, session);
      return;
    }
    useHallStore.setState({
      status: code === CLOSE_CODES.replacedBySameParticipant ? "replaced" : "disconnected",
    });
  });
}

/** Joins the room once; the room, or why it failed. A join that went stale meanwhile is left at once. */
async function enterRoom(attempt: number, { join, device, view }: HallSession): Promise<unknown> {
  const client = new Client(window.location.origin);
  try {
    const options: RoomJoinOptions = {
      consultationId: join.consultationId,
      sessionToken: join.sessionToken,
      device,
      deviceKey: deviceKey(),
      view,
    };
    const room = await client.joinOrCreate(ROOM_NAME, options, TownHallState);
    if (attempt !== generation) {
      await room.leave(true);
      return undefined;
    }
    Object.assign(room.reconnection, SDK_RECONNECTION);
    activeRoom = room;
    activeSessionToken = join.sessionToken;
    wire(room, join.participantId);
    stopConsultation();
    stopConsultation = wireConsultation(room);
    stopFacilitation();
    stopFacilitation = wireFacilitation(room, view);
    useHallStore.setState({ status: "connected", restarting: false });
    return undefined;
  } catch (error) {
    return error;
  }
}

/**
 * The room is gone but the session is not (the server restarted, or the SDK gave up): joins again
 * through the normal path until it works, the session turns out to be over, or time runs out.
 */
async function rejoin(attempt: number, current: HallSession): Promise<void> {
  useHallStore.setState({ status: "reconnecting" });
  forgetSignals();
  for (let tries = 1; tries <= MAX_REJOIN_ATTEMPTS; tries++) {
    await new Promise((resolve) => setTimeout(resolve, rejoinDelay(tries)));
    if (attempt !== generation) return;
    const error = await enterRoom(attempt, current);
    if (attempt !== generation || error === undefined) return;
    const failure = joinFailure(error);
    if (FINAL_JOIN_FAILURES.has(failure.code)) {
      useHallStore.setState({ status: "failed", failure, restarting: false });
      return;
    }
  }
  useHallStore.setState({ status: "disconnected", restarting: false });
}

/** Joins the consultation's room with the session from /api/join; the hall store tells how it went. */
export async function connectToHall(
  join: JoinResponse,
  device: DeviceKind,
  view: "hall" | "console" = "hall",
): Promise<void> {
  const attempt = ++generation;
  forgetAllPoses();
  forgetSignals();
  useHallStore.setState({
    status: "connecting",
    failure: null,
    restarting: false,
    selfId: join.participantId,
    participants: [],
    title: "",
    language: "",
  });
  session = { join, device, view };
  const error = await enterRoom(attempt, session);
  if (error !== undefined && attempt === generation)
    useHallStore.setState({ status: "failed", failure: joinFailure(error) });
}

export function leaveHall(): void {
  generation++;
  session = null;
  const room = activeRoom;
  activeRoom = null;
  forgetAllPoses();
  void room?.leave(true);
}
