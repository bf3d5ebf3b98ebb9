/**
 * `window.__plenum`, present only on pages opened with `?test=1`: lets end-to-end tests read what
 * the page shows (camera, drawn avatars, the room's participants, frame cost) without scraping pixels.
 */
import { currentRoom } from "../net/hall-connection.ts";
import { useHallStore } from "../net/hall-store.ts";
import { player } from "../scene/local-player.ts";
import { drawnHeads } from "../scene/rendered-avatars.ts";
import { lastFrameCost, useSceneStatus } from "../scene/scene-status.ts";

export interface PlenumTestHook {
  /** The room is joined, our avatar is placed and the scene has drawn at least one frame. */
  readonly ready: boolean;
  readonly participantId: string;
  self(): { x: number; y: number; z: number; yaw: number };
  avatars(): { id: string; name: string; x: number; y: number; z: number }[];
  participants(): { id: string; name: string; role: string; device: string; seat: number }[];
  renderInfo(): { calls: number; triangles: number };
}

declare global {
  interface Window {
    __plenum?: PlenumTestHook;
  }
}

export function installTestHook(): void {
  window.__plenum = {
    get ready() {
      return (
        currentRoom() !== null &&
        useHallStore.getState().status === "connected" &&
        useSceneStatus.getState().firstFrameDrawn &&
        player.placed
      );
    },
    get participantId() {
      return useHallStore.getState().selfId;
    },
    self: () => ({ x: player.x, y: player.eyeHeight, z: player.z, yaw: player.yaw }),
    avatars: () => {
      const names = new Map(useHallStore.getState().participants.map((p) => [p.id, p.name]));
      return [...drawnHeads].map(([id, head]) => ({
        id,
        name: names.get(id) ?? "",
        x: head.x,
        y: head.y,
        z: head.z,
      }));
    },
    participants: () =>
      useHallStore
        .getState()
        .participants.map(({ id, name, role, device, seat }) => ({ id, name, role, device, seat })),
    renderInfo: lastFrameCost,
  };
}
