/** The moderation audit log: what is recorded, and counts by type for the outcome report. */
import { z } from "zod";

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
  "set_access",
  "set_role",
  "report",
  "hide_idea",
  "hide_chat",
  "rotate_facilitator_link",
  /** A participant downloaded what the consultation holds about them. */
  "download_data",
  /** A participant erased themselves; the entry names nobody. */
  "erase_self",
  "revoke_invitation",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.number(),
  /** Who acted; absent when the room itself did (a floor timer running out). */
  actorId: z.string().optional(),
  actorName: z.string().optional(),
  action: z.enum(AUDIT_ACTIONS),
  targetId: z.string().optional(),
  targetName: z.string().optional(),
  reason: z.string().optional(),
  /** Action-specific detail: the new mode, role or seat, the time limit. */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type AuditEntry = Readonly<z.infer<typeof AuditEntry>>;

/** Every action is present, zero when it never happened (see countAuditActions). */
export const AuditCounts = z.object(
  Object.fromEntries(AUDIT_ACTIONS.map((action) => [action, z.number().int().min(0)])) as Record<
    AuditAction,
    z.ZodNumber
  >,
);
export type AuditCounts = Readonly<z.infer<typeof AuditCounts>>;

/** How many times each action happened; every action is present, zero when it never did. */
export function countAuditActions(entries: readonly Pick<AuditEntry, "action">[]): AuditCounts {
  const counts = Object.fromEntries(AUDIT_ACTIONS.map((action) => [action, 0])) as Record<
    AuditAction,
    number
  >;
  for (const entry of entries) counts[entry.action] += 1;
  return counts;
}
