/**
 * "Erase me": a person's pseudonym is forgotten, and so is every mention of it in what the
 * consultation keeps as text (chat lines, ideas, cluster labels, moderation reasons, the report),
 * whoever wrote it. A mention is the pseudonym as a whole word, in any case; it becomes `REDACTED`.
 * In the person's own texts each word of the pseudonym is a mention too ("Hello, I am Zephyrine"
 * from Zephyrine Quark): there, a word lost to the redaction is theirs. In others' words only the
 * whole pseudonym is looked for, so that a name part that is also a common word ("Park") or someone
 * else's first name stays: a mention of a part alone by others is a known limit (docs/privacy.md).
 */

export const REDACTED = "[…]";

/**
 * Pseudonyms shorter than this are not looked for in others' words: one letter is a word of its own
 * far more often than a name, and identifies nobody.
 */
export const MIN_REDACTED_LENGTH = 2;

function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A matcher for `pseudonym` as a whole word (not inside a longer word or number), any case. */
export function mentionsOf(pseudonym: string): RegExp | undefined {
  const name = pseudonym.trim();
  if ([...name].length < MIN_REDACTED_LENGTH) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])${literally(name)}(?![\\p{L}\\p{N}\\p{M}])`, "giu");
}

/** Words of a pseudonym long enough to look for in one's own texts. */
export const MIN_PART_LENGTH = 3;

/** A matcher for the whole pseudonym and each of its words of `MIN_PART_LENGTH` or more characters. */
export function partsOf(pseudonym: string): RegExp | undefined {
  const name = pseudonym.trim();
  const words = name.split(/[\s\p{P}]+/u).filter((word) => [...word].length >= MIN_PART_LENGTH);
  const alternatives = [name, ...words]
    .filter((word) => [...word].length >= MIN_REDACTED_LENGTH)
    .sort((a, b) => b.length - a.length)
    .map(literally);
  if (alternatives.length === 0) return undefined;
  return new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}\\p{M}])`, "giu");
}

/** `text` with every mention of the pseudonym replaced; the same string when there is none. */
export function redact(text: string, mentions: RegExp | undefined): string {
  if (!mentions) return text;
  mentions.lastIndex = 0;
  return text.replace(mentions, REDACTED);
}

/** Every string inside a JSON value (a stored report) redacted; keys stay as they are. */
export function redactJson(value: unknown, mentions: RegExp | undefined): unknown {
  if (!mentions) return value;
  if (typeof value === "string") return redact(value, mentions);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, mentions));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactJson(item, mentions)] as const),
    );
  return value;
}
