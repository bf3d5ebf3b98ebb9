/** The hall's room as the web client holds it: its own module, so that the wiring around it imports no cycle. */
import type { Room } from "@colyseus/sdk";
import type { TownHallState } from "../../../shared/state/town-hall-state.ts";

export type HallRoom = Room<unknown, TownHallState>;
