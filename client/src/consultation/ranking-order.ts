/** A ranking ballot being put in order: option indexes, most preferred first. */

/** Options in their listed order: the starting point before anyone moves them. */
export function initialRanking(optionCount: number): number[] {
  return Array.from({ length: optionCount }, (_, index) => index);
}

/** Moves the entry at `position` one place up (-1) or down (+1); unchanged at either end. */
export function moveInRanking(order: readonly number[], position: number, step: -1 | 1): number[] {
  const target = position + step;
  const next = [...order];
  if (position < 0 || position >= order.length || target < 0 || target >= order.length) return next;
  [next[position], next[target]] = [next[target] as number, next[position] as number];
  return next;
}
