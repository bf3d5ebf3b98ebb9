/** What to tell someone when the room changes their right to speak: pure, so that it is tested alone. */

export interface SpeakerFlags {
  readonly hasFloor: boolean;
  readonly mutedByFacilitator: boolean;
}

export type SpeakerNotice =
  | "notice.floorGiven"
  | "notice.floorTaken"
  | "notice.mutedByFacilitator"
  | "notice.unmutedByFacilitator";

/** The notices for going from `before` to `after`; nothing on first sight (joining) or when leaving. */
export function speakerNotices(
  before: SpeakerFlags | undefined,
  after: SpeakerFlags | undefined,
): SpeakerNotice[] {
  if (!before || !after) return [];
  const notices: SpeakerNotice[] = [];
  if (!before.hasFloor && after.hasFloor) notices.push("notice.floorGiven");
  if (before.hasFloor && !after.hasFloor) notices.push("notice.floorTaken");
  if (!before.mutedByFacilitator && after.mutedByFacilitator) notices.push("notice.mutedByFacilitator");
  if (before.mutedByFacilitator && !after.mutedByFacilitator && !after.hasFloor) {
    // Being given the floor lifts the mute too; "you have the floor" already says all.
    notices.push("notice.unmutedByFacilitator");
  }
  return notices;
}
