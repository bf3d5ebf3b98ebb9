/** The moderation audit log: what is recorded, and counts by type for the outcome report. */

export const AUDIT_ACTIONS = [
  "give_floor",
  "take_floor",
  "extend_floor",
  "floor_expired",
  "dismiss_hand",
  "set_mode",
  "mute",
  "unmute",
  "mute_all",
  "move",
  "remove",
  "ban",
  "lock",
  "unlock",
  "set_role",
  "report",
  "hide_idea",
  "hide_chat",
  "rotate_facilitator_link",
  /** A participant downloaded what the consultation holds about them. */
  "download_data",
  /** A participant erased themselves; the entry names nobody. */
  "erase_self",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  readonly id: number;
  readonly at: number;
  /** Who acted; undefined when the room itself did (a floor timer running out). */
  readonly actorId: string | undefined;
  readonly actorName: string | undefined;
  readonly action: AuditAction;
  readonly targetId: string | undefined;
  readonly targetName: string | undefined;
  readonly reason: string | undefined;
  /** Action-specific detail: the new mode, role or seat, the time limit. */
  readonly detail: Readonly<Record<string, string | number | boolean>> | undefined;
}

export type AuditCounts = Readonly<Record<AuditAction, number>>;

/** How many times each action happened; every action is present, zero when it never did. */
export function countAuditActions(entries: readonly Pick<AuditEntry, "action">[]): AuditCounts {
  const counts = Object.fromEntries(AUDIT_ACTIONS.map((action) => [action, 0])) as Record<
    AuditAction,
    number
  >;
  for (const entry of entries) counts[entry.action] += 1;
  return counts;
}
