import { TrackSource } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import {
  type LiveKitRoomService,
  LiveKitVoiceModeration,
  MeshVoiceModeration,
} from "../../server/voice/voice-moderation.ts";

/** Stands in for LiveKit's RoomServiceClient: records calls, and can answer like LiveKit for an absent participant. */
function fakeRoomService(failWith?: unknown) {
  const calls: unknown[][] = [];
  const service = {
    async updateParticipant(...args: unknown[]) {
      calls.push(["updateParticipant", ...args]);
      if (failWith) throw failWith;
      return {};
    },
    async removeParticipant(...args: unknown[]) {
      calls.push(["removeParticipant", ...args]);
      if (failWith) throw failWith;
    },
  } as unknown as LiveKitRoomService;
  return { service, calls };
}

describe("LiveKit voice moderation", () => {
  it.each([true, false])(
    "sends the whole permission, microphone only, when canSpeak is %s",
    async (canSpeak) => {
      const { service, calls } = fakeRoomService();
      const voice = new LiveKitVoiceModeration(service);
      await voice.setCanSpeak("cons-1", "p-1", canSpeak);
      expect(calls).toEqual([
        [
          "updateParticipant",
          "cons-1",
          "p-1",
          {
            permission: {
              canPublish: canSpeak,
              canSubscribe: true,
              canPublishData: false,
              canPublishSources: [TrackSource.MICROPHONE],
            },
          },
        ],
      ]);
      expect(voice.decision("cons-1", "p-1")).toBe(canSpeak);
      voice.forget("cons-1", "p-1");
      expect(voice.decision("cons-1", "p-1")).toBeUndefined();
    },
  );

  it("removes a participant from the voice room", async () => {
    const { service, calls } = fakeRoomService();
    const voice = new LiveKitVoiceModeration(service);
    await voice.remove("cons-1", "p-2");
    expect(calls).toEqual([["removeParticipant", "cons-1", "p-2"]]);
    expect(voice.decision("cons-1", "p-2")).toBe(false);
  });

  it("ignores 'participant not found' (not connected to voice), but not other failures", async () => {
    const notFound = Object.assign(new Error("participant not found"), { status: 404, code: "not_found" });
    const absent = new LiveKitVoiceModeration(fakeRoomService(notFound).service);
    await expect(absent.setCanSpeak("c", "p", false)).resolves.toBeUndefined();
    await expect(absent.remove("c", "p")).resolves.toBeUndefined();
    const down = new LiveKitVoiceModeration(
      fakeRoomService(Object.assign(new Error("unavailable"), { status: 503 })).service,
    );
    await expect(down.setCanSpeak("c", "p", true)).rejects.toThrow("unavailable");
  });

  it("has nothing to enforce with peer-to-peer voice", async () => {
    const mesh = new MeshVoiceModeration();
    await expect(mesh.setCanSpeak()).resolves.toBeUndefined();
    expect(mesh.decision()).toBeUndefined();
  });
});
