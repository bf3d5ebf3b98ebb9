/**
 * The join code of a consultation created in this tab, by consultation id. A facilitator who enters
 * through their secret link is not told the citizens' code by the API, so the hall shows it only
 * when this tab created the consultation.
 */
const PREFIX = "plenum.joinCode.";

export function rememberJoinCode(consultationId: string, joinCode: string): void {
  try {
    sessionStorage.setItem(PREFIX + consultationId, joinCode);
  } catch {
    // Without storage the hall simply does not show the code to the facilitator.
  }
}

export function knownJoinCode(consultationId: string): string | undefined {
  try {
    return sessionStorage.getItem(PREFIX + consultationId) ?? undefined;
  } catch {
    return undefined;
  }
}
