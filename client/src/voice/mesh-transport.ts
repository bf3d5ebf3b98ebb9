/**
 * Peer-to-peer voice: a WebRTC connection to each of the nearest few people and the floor holder,
 * signalled through the room (`signal`), with the "perfect negotiation" pattern so that two people
 * calling each other at once still end up with one connection.
 */
import type { RelayedSignal } from "../../../shared/protocol/room-messages.ts";
import { isPolitePeer, MESH_PEER_LIMIT, meshLinks } from "../../../shared/voice/nearest-peers.ts";
import { sendToRoom } from "../net/hall-connection.ts";
import { listenToSignals } from "../net/voice-signals.ts";
import type { SpatialMixer } from "./spatial-mixer.ts";
import { limitSender, STANDARD_VOICE, type VoiceQuality } from "./voice-quality.ts";
import type { VoiceTransport, VoiceUsage, VoiceView } from "./voice-transport.ts";

/** A link that is no longer wanted is kept this long, so walking past someone does not redial. */
const LINGER_MS = 3000;
/** A link that has not connected in this time is dropped and dialled again. */
const CONNECT_TIMEOUT_MS = 15_000;
/** Signals per second sent to the room: the room disconnects clients that flood it. */
const SIGNALS_PER_SECOND = 10;

class PeerLink {
  readonly pc: RTCPeerConnection;
  readonly polite: boolean;
  readonly createdAt = performance.now();
  makingOffer = false;
  ignoreOffer = false;
  unwantedSince = 0;
  audio: HTMLAudioElement | null = null;
  /** Signals are applied one after the other: descriptions must not overlap. */
  queue: Promise<void> = Promise.resolve();

  constructor(pc: RTCPeerConnection, polite: boolean) {
    this.pc = pc;
    this.polite = polite;
  }
}

export class MeshTransport implements VoiceTransport {
  readonly mode = "mesh";
  readonly #selfId: string;
  readonly #mixer: SpatialMixer;
  readonly #iceServers: RTCIceServer[];
  readonly #links = new Map<string, PeerLink>();
  readonly #outbox: { to: string; body: Omit<RelayedSignal, "from"> }[] = [];
  #track: MediaStreamTrack | null = null;
  #live = false;
  #quality: VoiceQuality = STANDARD_VOICE;
  #stopListening: (() => void) | null = null;
  #pump: ReturnType<typeof setInterval> | null = null;
  #stopped = false;

  constructor(selfId: string, mixer: SpatialMixer, iceServers: RTCIceServer[]) {
    this.#selfId = selfId;
    this.#mixer = mixer;
    this.#iceServers = iceServers;
  }

  async start(): Promise<void> {
    this.#stopListening = listenToSignals((signal) => this.#receive(signal));
    this.#pump = setInterval(() => this.#flush(), 1000 / SIGNALS_PER_SECOND);
  }

  setMicrophone(track: MediaStreamTrack | null, live: boolean): void {
    this.#track = track;
    this.#live = live;
    for (const link of this.#links.values()) this.#feedSender(link);
  }

  update(view: VoiceView): void {
    const wanted = meshLinks(
      this.#selfId,
      [view.self, ...view.others],
      view.floorHolderId,
      MESH_PEER_LIMIT,
      view.interpreters,
    );
    const present = new Set(view.others.map((other) => other.id));
    const now = performance.now();
    for (const id of wanted) {
      const link = this.#links.get(id);
      if (link) link.unwantedSince = 0;
      // The impolite side dials; the polite side answers (and rolls back if both dial at once).
      else if (!isPolitePeer(this.#selfId, id)) this.#open(id);
    }
    for (const [id, link] of this.#links) {
      const state = link.pc.connectionState;
      const stale = state !== "connected" && now - link.createdAt > CONNECT_TIMEOUT_MS;
      if (!present.has(id) || state === "failed" || state === "closed" || stale) {
        this.#close(id);
        continue;
      }
      if (!wanted.has(id)) {
        link.unwantedSince ||= now;
        if (now - link.unwantedSince > LINGER_MS) this.#close(id);
      }
    }
  }

  /** Our senders take the new ceiling at once, without renegotiating. */
  setQuality(quality: VoiceQuality): void {
    this.#quality = quality;
    for (const link of this.#links.values()) this.#limitSenders(link);
  }

  async usage(): Promise<VoiceUsage> {
    const links = [...this.#links.values()];
    const sendCeilings = links.flatMap((link) =>
      link.pc.getSenders().map((sender) => sender.getParameters().encodings[0]?.maxBitrate ?? null),
    );
    let bytesReceived = 0;
    let bytesSent = 0;
    for (const link of links) {
      (await link.pc.getStats()).forEach(
        (report: { type: string; kind?: string; bytesReceived?: number; bytesSent?: number }) => {
          if (report.kind !== "audio") return;
          if (report.type === "inbound-rtp") bytesReceived += report.bytesReceived ?? 0;
          if (report.type === "outbound-rtp") bytesSent += report.bytesSent ?? 0;
        },
      );
    }
    return { sendCeilings, bytesReceived, bytesSent };
  }

  receiving(): string[] {
    return [...this.#links].filter(([, link]) => link.audio !== null).map(([id]) => id);
  }

  startAudio(): void {
    for (const link of this.#links.values()) void link.audio?.play().catch(() => undefined);
  }

  stop(): void {
    this.#stopped = true;
    this.#stopListening?.();
    if (this.#pump) clearInterval(this.#pump);
    for (const id of [...this.#links.keys()]) this.#close(id);
    this.#outbox.length = 0;
  }

  #send(to: string, body: Omit<RelayedSignal, "from">): void {
    this.#outbox.push({ to, body });
  }

  #flush(): void {
    const next = this.#outbox.shift();
    if (!next) return;
    sendToRoom("signal", { to: next.to, ...next.body });
  }

  #open(peerId: string): PeerLink {
    const pc = new RTCPeerConnection({ iceServers: this.#iceServers });
    const link = new PeerLink(pc, isPolitePeer(this.#selfId, peerId));
    this.#links.set(peerId, link);
    pc.onicecandidate = ({ candidate }) => {
      if (!candidate?.candidate) return;
      const { sdpMid, sdpMLineIndex, usernameFragment } = candidate.toJSON();
      this.#send(peerId, {
        candidate: { candidate: candidate.candidate, sdpMid, sdpMLineIndex, usernameFragment },
      });
    };
    pc.onnegotiationneeded = async () => {
      try {
        link.makingOffer = true;
        await pc.setLocalDescription();
        this.#sendDescription(peerId, pc);
      } catch {
        // A failed renegotiation leaves the link to time out and be dialled again.
      } finally {
        link.makingOffer = false;
      }
    };
    // Encodings exist only once negotiated: the bitrate ceiling goes on when the link connects.
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === "connected") this.#limitSenders(link);
    };
    pc.ontrack = ({ track, streams }) => {
      if (track.kind !== "audio" || this.#links.get(peerId) !== link) return;
      const stream = streams[0] ?? new MediaStream([track]);
      // Chromium plays no Web Audio from a remote WebRTC stream unless a media element holds it too;
      // the element stays muted, the mixer does the playing.
      const audio = link.audio ?? document.createElement("audio");
      audio.muted = true;
      audio.srcObject = stream;
      void audio.play().catch(() => undefined);
      link.audio = audio;
      this.#mixer.attachStream(peerId, stream);
    };
    if (!link.polite) {
      pc.addTransceiver("audio", { direction: "sendrecv" });
      this.#feedSender(link);
    }
    return link;
  }

  #sendDescription(peerId: string, pc: RTCPeerConnection): void {
    const description = pc.localDescription;
    if (description && (description.type === "offer" || description.type === "answer"))
      this.#send(peerId, { description: { type: description.type, sdp: description.sdp } });
  }

  #limitSenders(link: PeerLink): void {
    for (const transceiver of link.pc.getTransceivers()) {
      if (transceiver.currentDirection !== "stopped" && transceiver.receiver.track.kind === "audio")
        void limitSender(transceiver.sender, this.#quality.sendBitrate).catch(() => undefined);
    }
  }

  /** Our microphone on every audio sender of the link; nothing is sent while muted. */
  #feedSender(link: PeerLink): void {
    const track = this.#live ? this.#track : null;
    for (const transceiver of link.pc.getTransceivers()) {
      if (transceiver.sender.track !== track && transceiver.currentDirection !== "stopped")
        void transceiver.sender.replaceTrack(track).catch(() => undefined);
    }
  }

  #receive(signal: RelayedSignal): void {
    if (this.#stopped) return;
    const offer = signal.description?.type === "offer";
    const existing = this.#links.get(signal.from);
    // Only an offer opens a link; late candidates or answers for a closed one are dropped.
    if (!existing && !offer) return;
    const link = existing ?? this.#open(signal.from);
    link.queue = link.queue
      .then(() => this.#apply(signal.from, link, signal))
      .catch(() => {
        // An offer from a peer that dialled again from scratch does not fit the old connection: start over.
        if (!offer || this.#links.get(signal.from) !== link) return;
        this.#close(signal.from);
        const fresh = this.#open(signal.from);
        fresh.queue = this.#apply(signal.from, fresh, signal).catch(() => undefined);
      });
  }

  async #apply(peerId: string, link: PeerLink, signal: RelayedSignal): Promise<void> {
    const { pc } = link;
    if (this.#links.get(peerId) !== link) return;
    const { description, candidate } = signal;
    if (description) {
      const collision = description.type === "offer" && (link.makingOffer || pc.signalingState !== "stable");
      link.ignoreOffer = !link.polite && collision;
      if (link.ignoreOffer) return;
      await pc.setRemoteDescription(description);
      if (description.type === "offer") {
        // Answer with our microphone on the audio line the offer opened.
        for (const transceiver of pc.getTransceivers()) {
          if (transceiver.receiver.track.kind === "audio" && transceiver.direction === "recvonly")
            transceiver.direction = "sendrecv";
        }
        this.#feedSender(link);
        await pc.setLocalDescription();
        this.#sendDescription(peerId, pc);
      }
    } else if (candidate) {
      try {
        await pc.addIceCandidate(candidate);
      } catch (error) {
        if (!link.ignoreOffer) throw error;
      }
    }
  }

  #close(peerId: string): void {
    const link = this.#links.get(peerId);
    if (!link) return;
    this.#links.delete(peerId);
    link.pc.onicecandidate = null;
    link.pc.onnegotiationneeded = null;
    link.pc.ontrack = null;
    link.pc.onconnectionstatechange = null;
    link.pc.close();
    if (link.audio) link.audio.srcObject = null;
    this.#mixer.close(peerId);
  }
}
