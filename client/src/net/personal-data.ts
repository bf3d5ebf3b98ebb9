/**
 * "Download my data" and "Erase me": requests to the room, which answers once what they ask is read
 * or forgotten (server/rooms/personal-data-commands.ts).
 */

import type { EraseMeResponse, MyDataResponse } from "../../../shared/protocol/room-messages.ts";
import { downloadFile } from "../app/download-file.ts";
import { currentRoom } from "./hall-connection.ts";

const NOT_CONNECTED = {
  ok: false,
  error: { code: "internal", message: "Not connected to the room." },
} as const;

/** What the consultation holds about oneself, or the room's refusal. */
export async function fetchMyData(): Promise<MyDataResponse> {
  const room = currentRoom();
  if (!room) return NOT_CONNECTED;
  return (await room.request("my_data", {})) as MyDataResponse;
}

/** Forgets oneself in this consultation; the room then closes the connection (the hall says why). */
export async function eraseMe(): Promise<EraseMeResponse> {
  const room = currentRoom();
  if (!room) return NOT_CONNECTED;
  return (await room.request("erase_me", {})) as EraseMeResponse;
}

/** Offers `data` to the browser as a JSON file named `name`. */
export function downloadJson(name: string, data: unknown): void {
  downloadFile(name, "application/json", JSON.stringify(data, null, 2));
}
