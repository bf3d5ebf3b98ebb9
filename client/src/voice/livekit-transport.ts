/**
 * Voice through a LiveKit server (SFU): the microphone is published once, and remote microphones are
 * subscribed only while their speaker is within hearing range (or has the floor). Each subscribed track
 * plays through the spatial mixer: its Web Audio chain runs through the mixer's input node.
 */
import {
  DefaultReconnectPolicy,
  type LocalAudioTrack,
  type LocalTrackPublication,
  type Participant,
  type RemoteAudioTrack,
  type RemoteParticipant,
  type RemoteTrack,
  type RemoteTrackPublication,
  Room,
  RoomEvent,
  Track,
} from "livekit-client";
import { speakersToReceive } from "../../../shared/voice/hearing-range.ts";
import type { SpatialMixer } from "./spatial-mixer.ts";
import { limitSender, STANDARD_VOICE, type VoiceQuality } from "./voice-quality.ts";
import type { VoiceTransport, VoiceUsage, VoiceView } from "./voice-transport.ts";

/**
 * After a quick first few tries, once a second for five minutes. LiveKit's own policy waits 7 s between
 * its later tries and gives up after about 45 s, so a LiveKit server restarted or failed over under the
 * hall left voice silent for up to two of those waits after it was back (a resume the new server cannot
 * honour, then the full reconnect), or for good after a longer outage.
 */
const RECONNECT_DELAYS_MS = [0, 300, ...Array<number>(300).fill(1000)];

export interface LiveKitAccess {
  readonly url: string;
  readonly token: string;
}

export class LiveKitTransport implements VoiceTransport {
  readonly mode = "livekit";
  readonly room: Room;
  readonly #access: LiveKitAccess;
  readonly #mixer: SpatialMixer;
  readonly #iceServers: RTCIceServer[] | undefined;
  readonly #onPlaybackChange: (blocked: boolean) => void;
  /** Speakers we asked to receive: the hysteresis rule needs to know who is in already. */
  #wanted = new Set<string>();
  /** Speakers whose microphone track is subscribed and playing through the mixer. */
  readonly #playing = new Set<string>();
  #lastView: VoiceView | null = null;
  #track: MediaStreamTrack | null = null;
  #live = false;
  #quality: VoiceQuality = STANDARD_VOICE;
  #published: LocalTrackPublication | null = null;
  #publishing = false;
  #stopped = false;

  constructor(
    access: LiveKitAccess,
    mixer: SpatialMixer,
    iceServers: RTCIceServer[] | undefined,
    onPlaybackChange: (blocked: boolean) => void,
  ) {
    this.#access = access;
    this.#mixer = mixer;
    this.#iceServers = iceServers;
    this.#onPlaybackChange = onPlaybackChange;
    this.room = new Room({
      // Remote audio plays through our AudioContext, so the mixer can place it.
      webAudioMix: { audioContext: mixer.context },
      adaptiveStream: false,
      dynacast: false,
      // Our microphone track belongs to the lobby's device choice; unpublishing must not stop it.
      stopLocalTrackOnUnpublish: false,
      reconnectPolicy: new DefaultReconnectPolicy(RECONNECT_DELAYS_MS),
    });
    this.room
      .on(RoomEvent.TrackPublished, () => this.#resubscribe())
      .on(RoomEvent.ParticipantConnected, () => this.#resubscribe())
      .on(RoomEvent.TrackSubscribed, (track, publication, participant) =>
        this.#play(track, publication, participant),
      )
      .on(RoomEvent.TrackUnsubscribed, (track, _publication, participant) =>
        this.#silence(track, participant),
      )
      .on(RoomEvent.ParticipantPermissionsChanged, (_previous, participant: Participant) => {
        if (participant === this.room.localParticipant) void this.#syncMicrophone();
      })
      .on(RoomEvent.LocalTrackUnpublished, () => {
        this.#published = null;
        void this.#syncMicrophone();
      })
      .on(RoomEvent.AudioPlaybackStatusChanged, () => this.#onPlaybackChange(!this.room.canPlaybackAudio));
  }

  async start(): Promise<void> {
    await this.room.connect(this.#access.url, this.#access.token, {
      autoSubscribe: false,
      ...(this.#iceServers ? { rtcConfig: { iceServers: this.#iceServers } } : {}),
    });
    if (this.#stopped) {
      await this.room.disconnect();
      return;
    }
    // TrackPublished does not fire for tracks that were there before we came: look at everyone now.
    this.#resubscribe();
    await this.#syncMicrophone();
    this.#onPlaybackChange(!this.room.canPlaybackAudio);
  }

  setMicrophone(track: MediaStreamTrack | null, live: boolean): void {
    this.#track = track;
    this.#live = live;
    void this.#syncMicrophone();
  }

  update(view: VoiceView): void {
    this.#lastView = view;
    this.#resubscribe();
  }

  /**
   * Our microphone's ceiling follows at once. The SFU forwards each voice as its speaker sends it (audio
   * has no lower layers to pick), so what we receive stays as others send it.
   */
  setQuality(quality: VoiceQuality): void {
    this.#quality = quality;
    const sender = this.#published?.track?.sender;
    if (sender) void limitSender(sender, quality.sendBitrate).catch(() => undefined);
  }

  async usage(): Promise<VoiceUsage> {
    const sender = this.#published?.track?.sender;
    let bytesReceived = 0;
    for (const participant of this.room.remoteParticipants.values()) {
      const track = participant.getTrackPublication(Track.Source.Microphone)?.track as
        | RemoteAudioTrack
        | undefined;
      bytesReceived += (await track?.getReceiverStats())?.bytesReceived ?? 0;
    }
    return {
      sendCeilings: sender ? [sender.getParameters().encodings[0]?.maxBitrate ?? null] : [],
      bytesReceived,
      bytesSent:
        (await (this.#published?.track as LocalAudioTrack | undefined)?.getSenderStats())?.bytesSent ?? 0,
    };
  }

  receiving(): string[] {
    return [...this.#playing];
  }

  startAudio(): void {
    void this.room.startAudio().catch(() => undefined);
  }

  stop(): void {
    this.#stopped = true;
    for (const id of this.#playing) this.#mixer.close(id);
    this.#playing.clear();
    void this.room.disconnect();
  }

  /** Subscribes to the microphones of those within hearing range, with hysteresis, and drops the rest. */
  #resubscribe(): void {
    const view = this.#lastView;
    if (!view || this.#stopped) return;
    this.#wanted = speakersToReceive(view.self, view.others, this.#wanted, view.floorHolderId);
    for (const participant of this.room.remoteParticipants.values()) {
      const publication = participant.getTrackPublication(Track.Source.Microphone) as
        | RemoteTrackPublication
        | undefined;
      if (!publication) continue;
      const wanted = this.#wanted.has(participant.identity);
      if (publication.isDesired !== wanted) publication.setSubscribed(wanted);
    }
  }

  #play(track: RemoteTrack, publication: RemoteTrackPublication, participant: RemoteParticipant): void {
    if (track.kind !== Track.Kind.Audio || publication.source !== Track.Source.Microphone) return;
    const audio = track as RemoteAudioTrack;
    const voice = this.#mixer.open(participant.identity);
    // LiveKit's chain: element source → our input (into the mixer) → our silent tail → its own gain.
    audio.setWebAudioPlugins([voice.input, voice.tail]);
    // Without an attached element Chromium delivers no audio from the remote stream.
    audio.attach();
    this.#playing.add(participant.identity);
  }

  #silence(track: RemoteTrack, participant: RemoteParticipant): void {
    if (track.kind !== Track.Kind.Audio) return;
    track.detach();
    this.#playing.delete(participant.identity);
    this.#mixer.close(participant.identity);
  }

  /** Publishes the microphone the first time it is opened (and the server lets us), then mutes and unmutes it. */
  async #syncMicrophone(): Promise<void> {
    if (this.#stopped || this.#publishing || this.room.state !== "connected") return;
    const local = this.room.localParticipant;
    const allowed = local.permissions?.canPublish !== false;
    const published = this.#published;
    if (published?.track && published.track.mediaStreamTrack !== this.#track) {
      // Another device was chosen: swap the track without renegotiating.
      if (this.#track) await published.track.replaceTrack(this.#track, { userProvidedTrack: true });
    }
    if (published) {
      if (this.#live && published.isMuted) await published.unmute();
      else if (!this.#live && !published.isMuted) await published.mute();
      return;
    }
    if (!this.#live || !this.#track || !allowed) return;
    this.#publishing = true;
    try {
      this.#published = await local.publishTrack(this.#track, {
        source: Track.Source.Microphone,
        dtx: true,
        red: this.#quality.redundancy,
        audioPreset: { maxBitrate: this.#quality.sendBitrate },
      });
    } catch {
      // Refused (no permission yet): the next permission change or unmute tries again.
    } finally {
      this.#publishing = false;
    }
    if (this.#published) await this.#syncMicrophone();
  }
}
