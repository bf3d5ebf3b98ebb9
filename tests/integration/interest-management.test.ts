import { CloseCode } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unpackCoarseHead } from "../../shared/pose/coarse-pose.ts";
import { LOW_BANDWIDTH_FULL_RATE } from "../../shared/pose/interest.ts";
import { positionOf } from "../support/positions.ts";
import { enterHall, type HallRoom, participantIds, poseAt, waitFor } from "../support/room-clients.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

/** Counts how often the mover's left hand and coarse head change in what `room` receives. */
function watchMover(room: HallRoom, moverId: string) {
  const seen = { handChanges: 0, coarseChanges: 0, lastHandY: Number.NaN, lastCoarse: -1 };
  room.onStateChange((state) => {
    const mover = state.participants.get(moverId);
    if (!mover) return;
    const handY = positionOf(mover.pose?.leftPosition)?.y ?? Number.NaN;
    if (!Number.isNaN(handY) && handY !== seen.lastHandY) seen.handChanges++;
    seen.lastHandY = handY;
    if (mover.coarse !== seen.lastCoarse) seen.coarseChanges++;
    seen.lastCoarse = mover.coarse;
  });
  return seen;
}

/** Counts the bytes `room`'s socket receives from now on. */
function countBytes(room: HallRoom): { bytes: number } {
  const counter = { bytes: 0 };
  const events = room.connection.events;
  const deliver = events.onmessage;
  events.onmessage = (event: MessageEvent<ArrayBuffer>) => {
    counter.bytes += event.data.byteLength;
    deliver?.(event);
  };
  return counter;
}

/** Others whose hands `room` receives. */
function withHands(room: HallRoom, selfId: string): string[] {
  const ids: string[] = [];
  room.state.participants.forEach((participant, id) => {
    if (id !== selfId && participant.pose !== undefined) ids.push(id);
  });
  return ids;
}

describe("interest management", () => {
  it("sends hands at full rate to a near client and only a coarse head, less often, to a far one", async () => {
    const consultation = await server.createConsultation("Interest");
    const joins = await Promise.all(
      ["Mover", "Near", "Far"].map((name) => server.join(consultation.joinCode, name)),
    );
    const [mover, near, far] = (await Promise.all(joins.map((join) => enterHall(server.url, join)))) as [
      HallRoom,
      HallRoom,
      HallRoom,
    ];
    const ids = joins.map((join) => join.participantId).sort();
    await waitFor("everyone to see everyone", () =>
      [mover, near, far].every((room) => participantIds(room).join() === ids.join()),
    );
    const moverId = joins[0]?.participantId ?? "";
    // Everyone spawns by the entrance; the far client walks to the stage end, 20 m away.
    far.send("pose", poseAt(-10, 1.6, -9));
    mover.send("pose", poseAt(0, 1.6, 11));
    await waitFor(
      "the far client to be out of the mover's full-rate set",
      () => far.state.participants.get(moverId)?.pose === undefined,
      2000,
    );
    const nearSeen = watchMover(near, moverId);
    const farSeen = watchMover(far, moverId);
    // Two seconds of walking at 20 Hz, the hands swinging with every step.
    for (let step = 0; step < 40; step++) {
      const pose = poseAt(step * 0.05, 1.6, 11);
      pose.leftHand[1] = 0.9 + (step % 2) * 0.1;
      mover.send("pose", pose);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(positionOf(near.state.participants.get(moverId)?.pose?.leftPosition)?.x).toBeCloseTo(
      39 * 0.05 - 0.3,
      2,
    );
    expect(nearSeen.handChanges).toBeGreaterThanOrEqual(25);

    const seenFar = far.state.participants.get(moverId);
    expect(seenFar).toBeDefined();
    expect(seenFar?.pose).toBeUndefined();
    expect(farSeen.handChanges).toBe(0);
    // About 4 Hz: 8 refreshes in two seconds, some unchanged; never anywhere near the 40 poses sent.
    expect(farSeen.coarseChanges).toBeGreaterThanOrEqual(4);
    expect(farSeen.coarseChanges).toBeLessThanOrEqual(12);
    const coarse = unpackCoarseHead(seenFar?.coarse ?? 0, { x: 0, y: 0, z: 0, yaw: 0 });
    expect(coarse.x).toBeCloseTo(39 * 0.05, 1);
    expect(coarse.y).toBeCloseTo(1.6, 1);
    expect(coarse.z).toBeCloseTo(11, 1);

    // Walking back towards the mover brings the full pose back.
    far.send("pose", poseAt(1, 1.6, 10));
    await waitFor(
      "the full pose to reach the client that came near",
      () => far.state.participants.get(moverId)?.pose !== undefined,
      2000,
    );
    expect(positionOf(far.state.participants.get(moverId)?.pose?.headPosition)?.x).toBeCloseTo(39 * 0.05, 2);
    await Promise.all([mover, near, far].map((room) => room.leave().catch(() => undefined)));
  });

  it("sends a viewer in low-bandwidth mode only a few full poses, everyone's coarse head, and all again once off", async () => {
    const consultation = await server.createConsultation("Low bandwidth");
    const joins = await Promise.all(
      ["Viewer", "A", "B", "C", "D", "E", "F"].map((name) => server.join(consultation.joinCode, name)),
    );
    const rooms = await Promise.all(joins.map((join) => enterHall(server.url, join)));
    const [viewer, ...others] = rooms as [HallRoom, ...HallRoom[]];
    const viewerId = joins[0]?.participantId ?? "";
    const ids = joins.map((join) => join.participantId).sort();
    await waitFor("everyone to see everyone", () =>
      rooms.every((room) => participantIds(room).join() === ids.join()),
    );
    viewer.send("pose", poseAt(0, 1.6, 10));
    for (const [i, room] of others.entries()) room.send("pose", poseAt(i - 2.5, 1.6, 9));
    await waitFor("the viewer to receive all six in full", () => withHands(viewer, viewerId).length === 6);

    /** Two seconds of everyone else swinging their hands at 20 Hz; the bytes the viewer received meanwhile. */
    async function bytesWhileMoving(): Promise<number> {
      const counter = countBytes(viewer);
      const before = counter.bytes;
      for (let step = 0; step < 40; step++) {
        others.forEach((room, i) => {
          const pose = poseAt(i - 2.5, 1.6, 9 + (step % 2) * 0.02);
          pose.leftHand[1] = 0.9 + (step % 2) * 0.1;
          room.send("pose", pose);
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return counter.bytes - before;
    }

    const fullBytes = await bytesWhileMoving();
    viewer.send("low_bandwidth", { on: true });
    await waitFor(
      "the viewer's full-rate set to shrink",
      () => withHands(viewer, viewerId).length <= LOW_BANDWIDTH_FULL_RATE,
      2000,
    );
    const lowBytes = await bytesWhileMoving();
    expect(withHands(viewer, viewerId).length).toBe(LOW_BANDWIDTH_FULL_RATE);
    // Nobody disappears: the others are still there, as coarse heads near where they stand.
    expect(participantIds(viewer)).toEqual(ids);
    viewer.state.participants.forEach((participant, id) => {
      if (id === viewerId) return;
      const coarse = unpackCoarseHead(participant.coarse, { x: 0, y: 0, z: 0, yaw: 0 });
      expect(coarse.z).toBeCloseTo(9, 0);
    });
    console.info(
      `Low-bandwidth mode: ${lowBytes} bytes in 2 s instead of ${fullBytes} (ratio ${(lowBytes / fullBytes).toFixed(2)})`,
    );
    expect(lowBytes / fullBytes).toBeLessThan(0.85);

    // The SDK's reconnect keeps the connection's view, and with it the mode.
    viewer.reconnection.minUptime = 0;
    viewer.reconnection.maxDelay = 500;
    let reconnected = false;
    viewer.onReconnect(() => {
      reconnected = true;
    });
    viewer.connection.close(CloseCode.MAY_TRY_RECONNECT, "offline");
    await waitFor("the viewer to reconnect", () => reconnected, 5000);
    // Long enough for every view to be recomputed twice.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(withHands(viewer, viewerId).length).toBe(LOW_BANDWIDTH_FULL_RATE);

    viewer.send("low_bandwidth", { on: false });
    await waitFor(
      "the viewer to receive all six in full again",
      () => withHands(viewer, viewerId).length === 6,
      2000,
    );
    await Promise.all(rooms.map((room) => room.leave().catch(() => undefined)));
  });
});
