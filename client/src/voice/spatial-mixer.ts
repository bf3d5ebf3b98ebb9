/**
 * The one owner of every voice audio node. Transports hand it remote audio (a MediaStream, or LiveKit's
 * plugin chain); it places each voice at its speaker's rendered head, follows the listener (camera or
 * headset), adds the floor holder's hall-wide "PA" path, silences who the room says may not be heard,
 * fades voices from other discussion tables, routes interpretation (shared/voice/interpretation-routing.ts:
 * the chosen channel's interpreter on the PA path only, the floor ducked under it), and measures who is
 * speaking.
 *
 *   input ─► gate ─► panner ─► spatial gain ─┐
 *                 ├► PA gain ────────────────┼─► master ─► speakers (through the echo loopback in Chromium)
 *                 └► analyser (speaking)     └─► splitter ─► left / right analysers (meters, tests)
 */
import type { VoiceRoute } from "../../../shared/voice/interpretation-routing.ts";
import {
  listenerFrame,
  newListenerFrame,
  newSourceFrame,
  type Quat,
  type SourceFrame,
  sourceFrame,
  type Vec3,
} from "../../../shared/voice/spatial-math.ts";
import { type MixOutput, type MixOutputPath, playMix } from "./echo-loopback.ts";
import { rms, SPEAKING_HOLD_MS, SPEAKING_LEVEL, setSpeaking } from "./speaking.ts";
import type { PanningQuality } from "./voice-settings.ts";

/** Smoothing of every parameter change, so movement never clicks (seconds). */
const SMOOTHING = 0.03;
const LEVEL_INTERVAL_MS = 100;

/** What a transport feeds: connect remote audio into `input`; `tail` ends LiveKit's own chain in silence. */
export interface VoiceInput {
  readonly input: AudioNode;
  readonly tail: AudioNode;
}

/** Writes the head pose of `id` as currently drawn; false when that avatar is not known yet. */
export type HeadSampler = (id: string, position: Vec3, rotation: Quat) => boolean;

interface Channel {
  readonly input: GainNode;
  readonly tail: GainNode;
  readonly gate: GainNode;
  readonly panner: PannerNode;
  readonly spatial: GainNode;
  readonly pa: GainNode;
  readonly analyser: AnalyserNode;
  readonly samples: Float32Array<ArrayBuffer>;
  readonly frame: SourceFrame;
  source: MediaStreamAudioSourceNode | null;
  audible: boolean;
  /** The spatial factor and the PA level for this listener (`routeVoice`). */
  route: VoiceRoute;
  /** Factor on the spatial path from discussion tables (`tableGain`); 1 outside a table round. */
  table: number;
  placed: boolean;
  speakingUntil: number;
}

const headPosition: Vec3 = { x: 0, y: 0, z: 0 };
const headRotation: Quat = { x: 0, y: 0, z: 0, w: 1 };

function glide(param: AudioParam, value: number, now: number): void {
  param.setTargetAtTime(value, now, SMOOTHING);
}

export class SpatialMixer {
  readonly context: AudioContext;
  readonly #master: GainNode;
  readonly #output: MixOutput;
  readonly #channels = new Map<string, Channel>();
  readonly #speakerStates = new Map<string, { audible: boolean; route: VoiceRoute; table: number }>();
  readonly #listener = newListenerFrame();
  #panning: PanningQuality;
  #meters: { left: AnalyserNode; right: AnalyserNode } | null = null;
  #playedMeters: { stream: MediaStream; left: AnalyserNode; right: AnalyserNode } | null = null;
  #levelTimer: ReturnType<typeof setInterval>;
  /** Our own microphone's speaking, measured by the session (the mixer never plays it). */
  #selfSpeaking: { id: string; speaking: () => boolean } | null = null;

  constructor(context: AudioContext, panning: PanningQuality) {
    this.context = context;
    this.#panning = panning;
    this.#master = context.createGain();
    this.#output = playMix(context, this.#master);
    this.#levelTimer = setInterval(() => this.#measureSpeaking(), LEVEL_INTERVAL_MS);
  }

  /** The voice of `id`, created on first use. */
  open(id: string): VoiceInput {
    const existing = this.#channels.get(id);
    if (existing) return existing;
    const ctx = this.context;
    const input = ctx.createGain();
    const tail = ctx.createGain();
    tail.gain.value = 0;
    const gate = ctx.createGain();
    gate.gain.value = 0;
    const panner = new PannerNode(ctx, {
      panningModel: this.#panning === "hrtf" ? "HRTF" : "equalpower",
      // Distance is applied by `spatial` from shared/voice/spatial-math.ts, so the panner only places.
      distanceModel: "inverse",
      refDistance: 1,
      rolloffFactor: 0,
      // A voice is a little quieter behind the speaker than in front.
      coneInnerAngle: 150,
      coneOuterAngle: 330,
      coneOuterGain: 0.6,
    });
    const spatial = ctx.createGain();
    spatial.gain.value = 0;
    const pa = ctx.createGain();
    pa.gain.value = 0;
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    input.connect(gate);
    input.connect(tail);
    gate.connect(panner);
    panner.connect(spatial);
    spatial.connect(this.#master);
    gate.connect(pa);
    pa.connect(this.#master);
    gate.connect(analyser);
    const channel: Channel = {
      input,
      tail,
      gate,
      panner,
      spatial,
      pa,
      analyser,
      samples: new Float32Array(analyser.fftSize),
      frame: newSourceFrame(),
      source: null,
      audible: false,
      route: { spatial: 1, pa: 0 },
      table: 1,
      placed: false,
      speakingUntil: 0,
    };
    this.#channels.set(id, channel);
    const state = this.#speakerStates.get(id);
    if (state) this.setSpeakerState(id, state.audible, state.route, state.table);
    return channel;
  }

  /** Plays a remote MediaStream (peer-to-peer) as the voice of `id`. */
  attachStream(id: string, stream: MediaStream): void {
    const channel = this.#channels.get(id) ?? (this.open(id) as Channel);
    channel.source?.disconnect();
    channel.source = this.context.createMediaStreamSource(stream);
    channel.source.connect(channel.input);
  }

  /** Forgets a participant who left the room. */
  forget(id: string): void {
    this.#speakerStates.delete(id);
    this.close(id);
  }

  /** Removes the voice of `id` and every node it had. */
  close(id: string): void {
    const channel = this.#channels.get(id);
    if (!channel) return;
    this.#channels.delete(id);
    channel.source?.disconnect();
    for (const node of [
      channel.input,
      channel.tail,
      channel.gate,
      channel.panner,
      channel.spatial,
      channel.pa,
    ])
      node.disconnect();
  }

  /** Ids whose voice is currently fed to the mixer. */
  voices(): string[] {
    return [...this.#channels.keys()];
  }

  /** Each voice's current gains (gate, spatial, PA) and table factor, for diagnostics and tests. */
  gains(): Record<string, { gate: number; spatial: number; pa: number; table: number }> {
    const out: Record<string, { gate: number; spatial: number; pa: number; table: number }> = {};
    for (const [id, channel] of this.#channels)
      out[id] = {
        gate: channel.gate.gain.value,
        spatial: channel.spatial.gain.value,
        pa: channel.pa.gain.value,
        table: channel.table,
      };
    return out;
  }

  /**
   * What the room and the listener's choice say about a speaker: `audible` false (muted, or not allowed
   * to speak) silences them here whatever the transport delivers; `route` gives the factor on the
   * spatial path and the level of the hall-wide PA path (the floor holder's, a live interpreter's, or
   * none, ducked under an interpretation); `table` scales the spatial path (voices from other discussion
   * tables, from `tableGain`), never the PA.
   */
  setSpeakerState(id: string, audible: boolean, route: VoiceRoute, table = 1): void {
    // Remembered for voices that arrive later: the room may say nothing more for a long while.
    this.#speakerStates.set(id, { audible, route, table });
    const channel = this.#channels.get(id);
    if (!channel) return;
    const now = this.context.currentTime;
    if (channel.table !== table || channel.route.spatial !== route.spatial) {
      channel.table = table;
      // At once rather than at the next rendered frame (a hidden tab renders none).
      if (channel.placed) glide(channel.spatial.gain, channel.frame.gain * table * route.spatial, now);
    }
    if (channel.route.pa !== route.pa) glide(channel.pa.gain, route.pa, now);
    channel.route = route;
    if (channel.audible === audible) return;
    channel.audible = audible;
    // Muting is immediate; opening glides in.
    if (audible) glide(channel.gate.gain, 1, now);
    else {
      channel.gate.gain.cancelScheduledValues(now);
      channel.gate.gain.setValueAtTime(0, now);
    }
  }

  setPanning(panning: PanningQuality): void {
    this.#panning = panning;
    for (const channel of this.#channels.values())
      channel.panner.panningModel = panning === "hrtf" ? "HRTF" : "equalpower";
  }

  /** Once per rendered frame: the listener at the camera's world pose, every voice at its speaker's head. */
  follow(listenerPosition: Vec3, listenerRotation: Quat, sampleHead: HeadSampler): void {
    const now = this.context.currentTime;
    const frame = listenerFrame(listenerPosition, listenerRotation, this.#listener);
    const listener = this.context.listener;
    if (listener.positionX) {
      glide(listener.positionX, frame.position.x, now);
      glide(listener.positionY, frame.position.y, now);
      glide(listener.positionZ, frame.position.z, now);
      glide(listener.forwardX, frame.forward.x, now);
      glide(listener.forwardY, frame.forward.y, now);
      glide(listener.forwardZ, frame.forward.z, now);
      glide(listener.upX, frame.up.x, now);
      glide(listener.upY, frame.up.y, now);
      glide(listener.upZ, frame.up.z, now);
    } else {
      // Firefox has only the old setters.
      listener.setPosition(frame.position.x, frame.position.y, frame.position.z);
      listener.setOrientation(
        frame.forward.x,
        frame.forward.y,
        frame.forward.z,
        frame.up.x,
        frame.up.y,
        frame.up.z,
      );
    }
    for (const [id, channel] of this.#channels) {
      if (!sampleHead(id, headPosition, headRotation)) continue;
      const source = sourceFrame(headPosition, headRotation, frame.position, channel.frame);
      const { panner } = channel;
      // The first placement jumps; later ones glide, or a voice would sweep in from the origin.
      if (!channel.placed) {
        panner.positionX.value = source.position.x;
        panner.positionY.value = source.position.y;
        panner.positionZ.value = source.position.z;
        channel.placed = true;
      } else {
        glide(panner.positionX, source.position.x, now);
        glide(panner.positionY, source.position.y, now);
        glide(panner.positionZ, source.position.z, now);
      }
      glide(panner.orientationX, source.orientation.x, now);
      glide(panner.orientationY, source.orientation.y, now);
      glide(panner.orientationZ, source.orientation.z, now);
      glide(channel.spatial.gain, source.gain * channel.table * channel.route.spatial, now);
    }
  }

  /** Lets the speaking indicator include ourselves (measured on our own microphone). */
  setSelfSpeaking(id: string, speaking: () => boolean): void {
    this.#selfSpeaking = { id, speaking };
  }

  /** Left and right analysers on the mixed output, made on first use (level meters, tests). */
  outputMeters(): { left: AnalyserNode; right: AnalyserNode } {
    if (!this.#meters) {
      const splitter = this.context.createChannelSplitter(2);
      const left = this.context.createAnalyser();
      const right = this.context.createAnalyser();
      left.fftSize = 8192;
      right.fftSize = 8192;
      this.#master.connect(splitter);
      splitter.connect(left, 0);
      splitter.connect(right, 1);
      this.#meters = { left, right };
    }
    return this.#meters;
  }

  /** How the mix reaches the speakers: directly, or through the echo-cancelled loopback. */
  outputPath(): MixOutputPath {
    return this.#output.path();
  }

  /** Left and right analysers on what the loopback plays to the speakers; null while the mix plays directly. */
  playedMeters(): { left: AnalyserNode; right: AnalyserNode } | null {
    const stream = this.#output.playedStream();
    if (!stream) return null;
    if (this.#playedMeters?.stream !== stream) {
      const source = this.context.createMediaStreamSource(stream);
      const splitter = this.context.createChannelSplitter(2);
      const left = this.context.createAnalyser();
      const right = this.context.createAnalyser();
      left.fftSize = 8192;
      right.fftSize = 8192;
      source.connect(splitter);
      splitter.connect(left, 0);
      splitter.connect(right, 1);
      this.#playedMeters = { stream, left, right };
    }
    return this.#playedMeters;
  }

  #measureSpeaking(): void {
    const now = performance.now();
    const speaking = new Set<string>();
    for (const [id, channel] of this.#channels) {
      channel.analyser.getFloatTimeDomainData(channel.samples);
      if (channel.audible && rms(channel.samples) > SPEAKING_LEVEL)
        channel.speakingUntil = now + SPEAKING_HOLD_MS;
      if (channel.speakingUntil > now) speaking.add(id);
    }
    if (this.#selfSpeaking?.speaking()) speaking.add(this.#selfSpeaking.id);
    setSpeaking(speaking);
  }

  dispose(): void {
    clearInterval(this.#levelTimer);
    for (const id of [...this.#channels.keys()]) this.close(id);
    this.#output.stop();
    this.#meters = null;
    this.#playedMeters = null;
    setSpeaking(new Set());
  }
}
