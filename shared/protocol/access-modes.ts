/** Who may take part in a consultation (the rules are in shared/consultation/access.ts). */
export const ACCESS_MODES = ["open", "invitation", "verified"] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

export function isAccessMode(value: string): value is AccessMode {
  return (ACCESS_MODES as readonly string[]).includes(value);
}
