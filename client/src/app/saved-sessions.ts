/**
 * Sessions from /api/join, kept in this browser by consultation id, so that the facilitator console on
 * a second screen (another tab or window) can use the session the facilitator entered with.
 */
import type { JoinResponse } from "../../../shared/protocol/http-api.ts";

const PREFIX = "plenum.session.";

export function saveSession(join: JoinResponse): void {
  try {
    localStorage.setItem(PREFIX + join.consultationId, JSON.stringify(join));
  } catch {
    // Without storage the console page asks the facilitator to open their link in this browser.
  }
}

export function loadSession(consultationId: string): JoinResponse | undefined {
  try {
    const raw = JSON.parse(
      localStorage.getItem(PREFIX + consultationId) ?? "null",
    ) as Partial<JoinResponse> | null;
    if (
      !raw ||
      raw.consultationId !== consultationId ||
      typeof raw.participantId !== "string" ||
      typeof raw.sessionToken !== "string" ||
      typeof raw.role !== "string"
    ) {
      return undefined;
    }
    return raw as JoinResponse;
  } catch {
    return undefined;
  }
}
