/**
 * Interpretation through a real LiveKit server (the scenario in interpretation-scenario.ts): the SFU
 * delivers the interpreter's track only to those listening to her language, and switching flips it.
 * Then modified clients act through the raw SDK in the page: the interpreter may publish her microphone
 * and nothing else, and a citizen who claims the French channel (room messages, attributes, a track
 * named for it, another source) gets nothing into a listener's channel.
 */
import { RoomServiceClient, TrackSource } from "livekit-server-sdk";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { liveKitHttpUrl } from "../../server/voice/voice-moderation.ts";
import { hook } from "../support/page-hook.ts";
import {
  benClaimsTheFrenchChannel,
  cleoLiveInFrench,
  describeInterpretation,
  expectOnlyCleoInFrench,
} from "./interpretation-scenario.ts";
import { type LiveKitVoice, type Meeting, startLiveKitVoice } from "./voice-meeting.ts";

/** `livekit.RequestResponse.Reason.NOT_ALLOWED`: the SFU's answer to a request the grant does not cover. */
const NOT_ALLOWED = 2;

let voice: LiveKitVoice;

/**
 * What the SFU delivers Ada of `id`'s tracks: how many she knows are published, how many she holds
 * subscribed (LiveKit removes a track from her connection on unsubscribing), and the bytes received
 * on those so far.
 */
function delivered(page: Page, id: string): Promise<{ published: number; held: number; bytes: number }> {
  return hook(
    page,
    `(async () => {
      const publications = [...(h.liveKitRoom()?.remoteParticipants.get(${JSON.stringify(id)})?.trackPublications.values() ?? [])];
      const tracks = publications.flatMap((publication) => (publication.track ? [publication.track] : []));
      const stats = await Promise.all(tracks.map((track) => track.getReceiverStats()));
      return {
        published: publications.length,
        held: tracks.length,
        bytes: stats.reduce((sum, each) => sum + (each?.bytesReceived ?? 0), 0),
      };
    })()`,
  );
}

/**
 * Once Ada knows `id`'s tracks are published, waits until the SFU delivers one to her, its bytes
 * growing, or until it delivers none and still none a second later (a subscription takes a few hundred
 * milliseconds to come, so an early look would prove nothing).
 */
async function expectDelivered(meeting: Meeting, id: string, held: boolean): Promise<void> {
  const { ada } = meeting.people;
  await expect
    .poll(async () => (await delivered(ada.page, id)).published, { timeout: 15_000 })
    .toBeGreaterThan(0);
  const receiving = expect.poll(() => hook<string[]>(ada.page, "h.voice().receiving"), { timeout: 15_000 });
  if (held) {
    await receiving.toContain(id);
    const before = (await delivered(ada.page, id)).bytes;
    await expect
      .poll(async () => (await delivered(ada.page, id)).bytes, { timeout: 5000 })
      .toBeGreaterThan(before);
    return;
  }
  await receiving.not.toContain(id);
  await expect.poll(async () => (await delivered(ada.page, id)).held, { timeout: 10_000 }).toBe(0);
  const until = performance.now() + 1000;
  while (performance.now() < until) {
    expect(await delivered(ada.page, id), `what Ada receives of ${id}`).toMatchObject({ held: 0, bytes: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const { meeting } = describeInterpretation({
  mode: "livekit",
  async start() {
    voice = await startLiveKitVoice();
    return {
      server: voice.server,
      async stop() {
        await voice.server.stop();
        await voice.liveKit.stop();
      },
    };
  },
  // Cleo stands 2.5 m from Ada: only the choice of French, never distance, brings her track.
  expectInterpreterDelivered: (current, choice) =>
    expectDelivered(current, current.ids.cleo, choice === "fr"),
});

/**
 * A modified client publishes a track as `source` through the raw SDK, past the SDK's own check of its
 * permissions; resolves with the SFU's refusal (`refused <reason>`) or `published`. With `keep` false
 * the track is withdrawn again at once.
 */
function publishAs(
  page: Page,
  source: "camera" | "screen_share_audio" | "microphone",
  name: string,
  keep = false,
): Promise<string> {
  return hook(
    page,
    `(async () => {
      const room = h.liveKitRoom();
      const local = room.localParticipant;
      local.hasPermissionsToPublish = () => true;
      const track = ${JSON.stringify(source)} === "camera"
        ? document.createElement("canvas").captureStream(5).getVideoTracks()[0]
        : (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks()[0];
      const refusal = new Promise((resolve) => {
        const onResponse = (response) => {
          if (response.request.case !== "addTrack" || response.request.value.cid !== track.id) return;
          room.engine.off("signalRequestResponse", onResponse);
          resolve("refused " + response.reason);
        };
        room.engine.on("signalRequestResponse", onResponse);
      });
      const publishing = local
        .publishTrack(track, { source: ${JSON.stringify(source)}, name: ${JSON.stringify(name)} })
        .then(() => "published", (error) => "failed: " + error.message);
      const answer = await Promise.race([refusal, publishing]);
      if (!${keep} || answer !== "published") {
        await local.unpublishTrack(track).catch(() => undefined);
        track.stop();
      }
      return answer;
    })()`,
  );
}

/** What the SFU holds of `id`'s tracks: each one's source and name. */
async function tracksOnTheServer(id: string): Promise<{ source: TrackSource; name: string }[]> {
  const rooms = new RoomServiceClient(
    liveKitHttpUrl(voice.liveKit.url),
    voice.liveKit.apiKey,
    voice.liveKit.apiSecret,
  );
  const participants = await rooms.listParticipants(meeting().consultationId);
  return (participants.find((participant) => participant.identity === id)?.tracks ?? []).map(
    ({ source, name }) => ({ source, name }),
  );
}

describe("modified clients against LiveKit's grants", () => {
  it("lets the live interpreter publish her microphone only: the SFU refuses a camera and a screen share's audio", async () => {
    const current = meeting();
    await cleoLiveInFrench(current);
    await expectDelivered(current, current.ids.cleo, true);
    const { cleo } = current.people;
    expect(await publishAs(cleo.page, "camera", "camera")).toBe(`refused ${NOT_ALLOWED}`);
    expect(await publishAs(cleo.page, "screen_share_audio", "interpretation-fr")).toBe(
      `refused ${NOT_ALLOWED}`,
    );
    expect(await tracksOnTheServer(current.ids.cleo)).toEqual([
      expect.objectContaining({ source: TrackSource.MICROPHONE }),
    ]);
  });

  it("gets a citizen who claims the French channel nothing into a listener's channel", async () => {
    const current = meeting();
    const { ada, ben } = current.people;
    await benClaimsTheFrenchChannel(current);
    // What a naive client might read as a channel marker: the room's grant lets him set none of it.
    expect(
      await hook<string>(
        ben.page,
        `h.liveKitRoom().localParticipant.setAttributes({ interpreting: "fr", interpreterLive: "true" }).then(() => "set", (error) => "refused: " + error.message)`,
      ),
    ).toMatch(/^refused/);
    expect(await publishAs(ben.page, "screen_share_audio", "interpretation-fr")).toBe(
      `refused ${NOT_ALLOWED}`,
    );
    // He may speak in the hall, so a microphone named for the channel is published, as a voice in space.
    expect(await publishAs(ben.page, "microphone", "interpretation-fr", true)).toBe("published");
    await expect
      .poll(async () => (await tracksOnTheServer(current.ids.ben)).map((track) => track.name), {
        timeout: 5000,
      })
      .toContain("interpretation-fr");
    for (const track of await tracksOnTheServer(current.ids.ben))
      expect(track.source).toBe(TrackSource.MICROPHONE);
    // Ada listens in French from 26 m away: she receives none of his tracks and hears nothing of him.
    await expectOnlyCleoInFrench(current);
    await expectDelivered(current, current.ids.ben, false);
    expect(ada.errors).toEqual([]);
  });
});
