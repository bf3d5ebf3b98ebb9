/** Real @colyseus/sdk clients for integration tests, with bounded waits that fail with a clear message. */
import { Client, type Room } from "@colyseus/sdk";
import type { JoinResponse } from "../../shared/protocol/http-api.ts";
import { ROOM_NAME } from "../../shared/protocol/http-api.ts";
import type { TownHallState } from "../../shared/state/town-hall-state.ts";

export type HallRoom = Room<TownHallState>;

export async function enterHall(
  url: string,
  join: JoinResponse,
  extraOptions: Record<string, unknown> = {},
): Promise<HallRoom> {
  const client = new Client(url);
  return client.joinOrCreate<TownHallState>(ROOM_NAME, {
    consultationId: join.consultationId,
    sessionToken: join.sessionToken,
    ...extraOptions,
  });
}

/** Polls `check` every few milliseconds until it returns true, or fails after `timeoutMs`. */
/**
 * Enters and leaves at once: "admitted", or the code a refused room join carries first in its message
 * ("code: explanation").
 */
export async function joinRefusal(
  url: string,
  join: JoinResponse,
  options: Record<string, unknown> = {},
): Promise<string> {
  try {
    const room = await enterHall(url, join, options);
    await room.leave();
    return "admitted";
  } catch (error) {
    return String((error as Error).message).split(":", 1)[0] ?? "";
  }
}

export async function waitFor(what: string, check: () => boolean, timeoutMs = 3000): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - started;
}

export function participantIds(room: HallRoom): string[] {
  return [...(room.state.participants?.keys() ?? [])].sort();
}

/** A pose message with the head at (x, y, z) facing -z and hands hanging beside it. */
export function poseAt(x: number, y: number, z: number) {
  const identity = [0, 0, 0, 1] as const;
  return {
    head: [x, y, z, ...identity],
    leftHand: [x - 0.3, y - 0.7, z, ...identity],
    rightHand: [x + 0.3, y - 0.7, z, ...identity],
  };
}

export function collectErrors(room: HallRoom): { code: string; message: string }[] {
  const errors: { code: string; message: string }[] = [];
  room.onMessage("error", (body: { code: string; message: string }) => errors.push(body));
  return errors;
}
