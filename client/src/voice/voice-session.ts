/**
 * Voice for as long as someone is in the hall: asks the server which transport to use, starts it with
 * the spatial mixer, keeps the microphone and the mixer in step with the room state (mute, right to
 * speak, floor), and tells the transport where everyone is.
 */
import { create } from "zustand";
import { isInterpreter } from "../../../shared/consultation/roles.ts";
import type { JoinResponse } from "../../../shared/protocol/http-api.ts";
import {
  channelFor,
  interpretersToReceive,
  routeVoice,
} from "../../../shared/voice/interpretation-routing.ts";
import { MESH_PEER_LIMIT } from "../../../shared/voice/nearest-peers.ts";
import { tableGain } from "../../../shared/voice/table-voices.ts";
import { TEST_MODE } from "../app/test-mode.ts";
import type { HallRoom } from "../net/hall-room.ts";
import { useLowBandwidth } from "../net/low-bandwidth.ts";
import { setMicrophoneMuted } from "../net/participant-actions.ts";
import { knownHead } from "../net/pose-buffer.ts";
import { player } from "../scene/local-player.ts";
import { sceneAudioContext } from "./audio-context.ts";
import { currentListening, useListeningMemory } from "./listening-choice.ts";
import { MeshTransport } from "./mesh-transport.ts";
import { type LevelMeter, meterTrack } from "./microphone-meter.ts";
import { followRoomMute, openMicrophone, useMicrophone } from "./microphone-state.ts";
import { SpatialMixer } from "./spatial-mixer.ts";
import { SPEAKING_LEVEL } from "./speaking.ts";
import { voiceQuality } from "./voice-quality.ts";
import { useVoiceSettings } from "./voice-settings.ts";
import { requestVoiceToken } from "./voice-token.ts";
import type { VoiceMode, VoiceTransport, VoiceView } from "./voice-transport.ts";

const VIEW_INTERVAL_MS = 250;
/**
 * Test pages (`?test=1`) open peer connections only when they ask for voice (`&voice=1`): those tests
 * run in a loopback-only network namespace, the others must not touch the network with WebRTC.
 */
const VOICE_ENABLED = !TEST_MODE || new URLSearchParams(window.location.search).get("voice") === "1";

export interface VoiceStatus {
  readonly mode: VoiceMode | "off" | "connecting" | "failed";
  /** The browser blocks playback until a click: the overlay shows a button then. */
  readonly playbackBlocked: boolean;
  /** Peer-to-peer voice with more people than it serves well: facilitators are told about LiveKit. */
  readonly crowded: boolean;
}

export const useVoiceStatus = create<VoiceStatus>()(() => ({
  mode: "off",
  playbackBlocked: false,
  crowded: false,
}));

interface Session {
  readonly mixer: SpatialMixer;
  transport: VoiceTransport | null;
  readonly stop: () => void;
}

let session: Session | null = null;

export function activeMixer(): SpatialMixer | null {
  return session?.mixer ?? null;
}

export function activeTransport(): VoiceTransport | null {
  return session?.transport ?? null;
}

/** Resumes voice playback after the browser blocked it; call inside a click. */
export function resumeVoicePlayback(): void {
  void sceneAudioContext()
    .resume()
    .catch(() => undefined);
  session?.transport?.startAudio();
  useVoiceStatus.setState({ playbackBlocked: false });
}

/** Starts voice in the room just joined; returns the function that stops it. */
export function startVoice(room: HallRoom, join: JoinResponse): () => void {
  session?.stop();
  if (!VOICE_ENABLED) return () => undefined;
  const selfId = join.participantId;
  const context = sceneAudioContext();
  const mixer = new SpatialMixer(context, useVoiceSettings.getState().panning);
  const cleanups: (() => void)[] = [];
  let stopped = false;
  let meter: LevelMeter | null = null;
  let meterTrackInUse: MediaStreamTrack | null = null;
  const current: Session = {
    mixer,
    transport: null,
    stop: () => {
      stopped = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      current.transport?.stop();
      meter?.stop();
      mixer.dispose();
      if (session === current) session = null;
      useVoiceStatus.setState({ mode: "off", playbackBlocked: false, crowded: false });
    },
  };
  session = current;
  useVoiceStatus.setState({ mode: "connecting" });

  const self = () => room.state.participants?.get(selfId);
  /** Our microphone goes out only while we are unmuted and the room lets us speak. */
  const pushMicrophone = () => {
    const { track, muted } = useMicrophone.getState();
    const live = !muted && (self()?.canSpeak ?? false);
    current.transport?.setMicrophone(track, live);
    if (track !== meterTrackInUse) {
      meter?.stop();
      meter = track ? meterTrack(context, track) : null;
      meterTrackInUse = track;
    }
  };
  mixer.setSelfSpeaking(selfId, () => {
    const { muted } = useMicrophone.getState();
    return !muted && (self()?.canSpeak ?? false) && (meter?.level() ?? 0) > SPEAKING_LEVEL;
  });

  // The room's verdicts: who is heard, who has the floor, who sits at our table; and our own forced mutes.
  let roomMuted = true;
  let roomCanSpeak = false;
  let joinChoiceApplied = false;
  const followRoom = () => {
    const myTable = self()?.table ?? -1;
    const { choice, interpreters } = currentListening();
    const liveInterpreterId = channelFor(choice, interpreters);
    room.state.participants?.forEach((participant, id) => {
      if (id !== selfId)
        mixer.setSpeakerState(
          id,
          !participant.muted && participant.canSpeak,
          routeVoice(
            { id, hasFloor: participant.hasFloor, interpreter: isInterpreter(participant.role) },
            liveInterpreterId,
          ),
          tableGain(myTable, participant.table),
        );
    });
    const me = self();
    if (!me) return;
    if ((me.muted && !roomMuted) || (!me.canSpeak && roomCanSpeak)) followRoomMute();
    const changed = me.muted !== roomMuted || me.canSpeak !== roomCanSpeak;
    roomMuted = me.muted;
    roomCanSpeak = me.canSpeak;
    if (!joinChoiceApplied) {
      joinChoiceApplied = true;
      // "Join muted" off: open the microphone at once where the room allows it.
      if (!useMicrophone.getState().joinMuted && me.canSpeak) setMicrophoneMuted(false);
    }
    if (changed) pushMicrophone();
  };
  room.onStateChange(followRoom);
  cleanups.push(() => room.onStateChange.remove(followRoom));
  // A new choice of language takes effect at once, not at the room's next patch.
  cleanups.push(
    useListeningMemory.subscribe(() => {
      followRoom();
      tick();
    }),
  );
  cleanups.push(useMicrophone.subscribe(pushMicrophone));
  cleanups.push(useVoiceSettings.subscribe((settings) => mixer.setPanning(settings.panning)));
  cleanups.push(useLowBandwidth.subscribe(({ on }) => current.transport?.setQuality(voiceQuality(on))));

  const head = { x: 0, y: 0, z: 0 };
  const view = (): VoiceView | null => {
    const others: { id: string; x: number; z: number; table: number }[] = [];
    const interpreterIds = new Set<string>();
    let floorHolderId = "";
    room.state.participants?.forEach((participant, id) => {
      if (participant.hasFloor) floorHolderId = id;
      if (isInterpreter(participant.role)) interpreterIds.add(id);
      if (id !== selfId) {
        knownHead(participant, head);
        others.push({ id, x: head.x, z: head.z, table: participant.table });
      }
    });
    const table = self()?.table ?? -1;
    const { choice, interpreters } = currentListening();
    return {
      self: { id: selfId, x: player.x, z: player.z, table },
      others,
      floorHolderId,
      interpreters: interpreterIds,
      interpretersHeard: interpretersToReceive(choice, interpreters),
    };
  };
  const known = new Set<string>();
  const tick = () => {
    // Voices of people who left are dropped with everything the mixer knew of them.
    for (const id of known) {
      if (!room.state.participants?.has(id)) {
        known.delete(id);
        mixer.forget(id);
      }
    }
    room.state.participants?.forEach((_participant, id) => {
      known.add(id);
    });
    const next = view();
    if (!next || !current.transport) return;
    current.transport.update(next);
    const crowded = current.transport.mode === "mesh" && next.others.length + 1 > MESH_PEER_LIMIT;
    if (crowded !== useVoiceStatus.getState().crowded) useVoiceStatus.setState({ crowded });
  };
  const timer = setInterval(tick, VIEW_INTERVAL_MS);
  cleanups.push(() => clearInterval(timer));

  void (async () => {
    try {
      if (useMicrophone.getState().permission !== "denied") void openMicrophone();
      const access = await requestVoiceToken(join.sessionToken);
      if (stopped) return;
      // LiveKit's client is large: only those who use it download it.
      const LiveKitTransport =
        access.mode === "livekit" ? (await import("./livekit-transport.ts")).LiveKitTransport : null;
      if (stopped) return;
      const transport =
        access.mode === "livekit" && LiveKitTransport
          ? new LiveKitTransport(access, mixer, TEST_MODE ? [] : undefined, (playbackBlocked) =>
              useVoiceStatus.setState({ playbackBlocked }),
            )
          : new MeshTransport(selfId, mixer, access.mode === "mesh" ? access.iceServers : []);
      transport.setQuality(voiceQuality(useLowBandwidth.getState().on));
      current.transport = transport;
      await transport.start();
      if (stopped) return;
      useVoiceStatus.setState({ mode: transport.mode });
      followRoom();
      pushMicrophone();
      tick();
    } catch (error) {
      if (!stopped) {
        console.warn("Voice could not start:", error);
        useVoiceStatus.setState({ mode: "failed" });
      }
    }
  })();
  return current.stop;
}
