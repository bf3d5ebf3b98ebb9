/**
 * `window.__plenum`, present only on pages opened with `?test=1`: lets end-to-end tests read what
 * the page shows (camera, drawn avatars, the room's participants, frame cost) without scraping pixels.
 */
import type { Object3D, Vector3 } from "three";
import { ballotChoices } from "../consultation/ballot-choices.ts";
import { selectActivePoll, useConsultation } from "../net/consultation-store.ts";
import { type FacilitationView, facilitationView } from "../net/facilitation-test-view.ts";
import { currentRoom } from "../net/hall-connection.ts";
import { useHallStore } from "../net/hall-store.ts";
import { player } from "../scene/local-player.ts";
import { drawnHands, drawnHeads } from "../scene/rendered-avatars.ts";
import { lastFrameCost, useSceneStatus } from "../scene/scene-status.ts";
import { screenRowCentre } from "../scene/screen-poll-targets.ts";
import { currentListening, LISTENING_STORAGE_KEY } from "../voice/listening-choice.ts";
import { drawnVignette } from "../xr/ComfortVignette.tsx";
import { drawnConnectionBanner } from "../xr/drawn-menus.ts";
import { emulation } from "../xr/emulated-device.ts";
import { menuHover, menuTargets } from "../xr/menu-targets.ts";
import { body, locomotion } from "../xr/xr-frame.ts";
import { isPresenting } from "../xr/xr-presence.ts";
import { hallToRig, rig } from "../xr/xr-rig.ts";
import { useXrSettings, type XrSettings } from "../xr/xr-settings.ts";
import { type ConsultationView, consultationView } from "./consultation-test-view.ts";
import { type VoiceTestHook, voiceTestHook } from "./voice-test-hook.ts";

export interface PlenumTestHook extends VoiceTestHook {
  /** The room is joined, our avatar is placed and the scene has drawn at least one frame. */
  readonly ready: boolean;
  readonly participantId: string;
  self(): { x: number; y: number; z: number; yaw: number };
  avatars(): {
    id: string;
    name: string;
    x: number;
    y: number;
    z: number;
    leftHand?: { x: number; y: number; z: number };
    rightHand?: { x: number; y: number; z: number };
  }[];
  participants(): {
    id: string;
    name: string;
    role: string;
    device: string;
    seat: number;
    handRaised: boolean;
    muted: boolean;
    hasFloor: boolean;
    canSpeak: boolean;
    interpreterLanguages: readonly string[];
  }[];
  renderInfo(): { calls: number; triangles: number };
  /** What this listener hears (the original or a language), what it may choose, and what this device remembers. */
  listening(): { choice: string; options: string[]; remembered: string | null };
  /** The room is joined (also on the console page, which draws no hall). */
  readonly connected: boolean;
  /** Mode, lock, queue, floor (with `Date.now()` for the countdown), reports, and one's own speaking flags. */
  facilitation(): FacilitationView;
  /** Agenda position, polls with their counts, ideas, one's ballots, and what the big screen and the ideas wall draw. */
  consultation(): ConsultationView;
  /** The emulated headset (IWER `XRDevice`) of a `?test=1&xr=emulate` page, or null. */
  readonly xrDevice: unknown;
  /** The headset side: whether a session runs, the rig, the teleport aim, the menu, hands in hall coordinates. */
  xr(): {
    presenting: boolean;
    rig: { x: number; y: number; z: number; yaw: number };
    aiming: boolean;
    aim: { landed: boolean; x: number; z: number; verdict: string; seat: number };
    menuOpen: boolean;
    menuVisible: boolean;
    /** The hand-menu button a ray points at, "" for none. */
    menuHover: string;
    rightHand: { x: number; y: number; z: number } | null;
    /** The comfort vignette's opacity as drawn (0 when hidden). */
    vignette: number;
    /** The "Reconnecting…" banner floats in front of the eyes. */
    connectionBanner: boolean;
    /** Turning, walking and seated-play choices on this device. */
    comfort: XrSettings;
  };
  /** A hand-menu button's centre in the headset's tracking space (where an emulated controller must point). */
  xrMenuTarget(name: string): { x: number; y: number; z: number } | null;
  /** The centre of answer row `row` of the poll on the big screen, in the tracking space (where to point to vote). */
  screenPollTarget(row: number): { x: number; y: number; z: number } | null;
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
        leftHand: drawnHands.has(id) ? { ...drawnHands.get(id)?.left } : undefined,
        rightHand: drawnHands.has(id) ? { ...drawnHands.get(id)?.right } : undefined,
      })) as ReturnType<PlenumTestHook["avatars"]>;
    },
    participants: () =>
      useHallStore.getState().participants.map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role,
        device: p.device,
        seat: p.seat,
        handRaised: p.handRaised,
        muted: p.muted,
        hasFloor: p.hasFloor,
        canSpeak: p.canSpeak,
        interpreterLanguages: [...p.interpreterLanguages],
      })),
    renderInfo: lastFrameCost,
    listening: () => {
      const { choice, options } = currentListening();
      return { choice, options: [...options], remembered: localStorage.getItem(LISTENING_STORAGE_KEY) };
    },
    get connected() {
      return currentRoom() !== null && useHallStore.getState().status === "connected";
    },
    facilitation: facilitationView,
    consultation: consultationView,
    ...voiceTestHook,
    get xrDevice() {
      return emulation.device;
    },
    xr: () => ({
      presenting: isPresenting(),
      rig: { x: rig.x, y: rig.y, z: rig.z, yaw: rig.yaw },
      aiming: locomotion.aiming,
      aim: {
        landed: locomotion.aim.landed,
        x: locomotion.aim.x,
        z: locomotion.aim.z,
        verdict: locomotion.aim.verdict,
        seat: locomotion.aim.seat?.id ?? -1,
      },
      menuOpen: locomotion.menuOpen,
      menuHover: menuHover.name,
      menuVisible: [...menuTargets.values()].some((object) => {
        let visible = true;
        object.traverseAncestors((parent) => {
          visible &&= parent.visible;
        });
        return visible;
      }),
      rightHand: body.right.tracked ? { ...body.right.position } : null,
      vignette: drawnVignette.opacity,
      connectionBanner: drawnConnectionBanner.visible,
      comfort: { ...useXrSettings.getState() },
    }),
    screenPollTarget: (row) => {
      const poll = selectActivePoll(useConsultation.getState());
      const centre = poll ? screenRowCentre(ballotChoices(poll).length, row) : null;
      return centre && { ...hallToRig(centre.x, centre.y, centre.z, { x: 0, y: 0, z: 0 }) };
    },
    xrMenuTarget: (name) => {
      const object = menuTargets.get(name);
      if (!object) return null;
      // A uikit component keeps its bounding sphere in its root's space; the root sits in the scene graph.
      const component = object as unknown as {
        boundingSphere: { center: Vector3 };
        root: { peek(): { component: Object3D } };
      };
      const root = component.root.peek().component;
      root.updateMatrix();
      root.parent?.updateWorldMatrix(true, false);
      const centre = component.boundingSphere.center.clone().applyMatrix4(root.matrix);
      if (root.parent) centre.applyMatrix4(root.parent.matrixWorld);
      return { ...hallToRig(centre.x, centre.y, centre.z, { x: 0, y: 0, z: 0 }) };
    },
  };
}
