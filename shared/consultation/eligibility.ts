/**
 * Who a verified consultation admits beyond being signed in: optionally, one claim of the provider's
 * (for example a postal code) must have one of a list of values. Nothing of the claim is stored.
 */

export const ELIGIBLE_VALUES_MAX = 5000;

export interface EligibilityRule {
  /** The claim's name, or a dotted path into an object claim (`address.postal_code`). */
  readonly claim: string;
  readonly values: readonly string[];
  /** A scope to ask the provider for, when the claim comes only with one (`address`). */
  readonly scope?: string | undefined;
}

/** The claim at `path`, as text when it is text or a number; undefined when it is missing or anything else. */
export function claimAt(claims: Readonly<Record<string, unknown>>, path: string): string | undefined {
  let value: unknown = claims;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" ? value : undefined;
}

/** Whether a person with these claims may enter; without a rule, everyone signed in may. */
export function isEligible(
  rule: EligibilityRule | undefined,
  claims: Readonly<Record<string, unknown>>,
): boolean {
  if (!rule) return true;
  const value = claimAt(claims, rule.claim)?.trim();
  return value !== undefined && rule.values.some((allowed) => allowed.trim() === value);
}
