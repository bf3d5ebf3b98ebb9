/**
 * Discussion tables (world café): while a round runs, voices from other tables fade so that each table
 * can talk. Someone in the plenary (table -1) hears everyone as usual, so a facilitator who stays out
 * of the tables can walk round and listen in; the floor holder's PA is not affected.
 */

/** What is left of a voice from another table (or from the plenary) at a seated listener's: a faint murmur. */
export const OTHER_TABLE_GAIN = 0.05;

/** The factor on a speaker's spatial voice for a listener; tables are 0-based, -1 is the plenary. */
export function tableGain(listenerTable: number, speakerTable: number): number {
  if (listenerTable < 0) return 1;
  return speakerTable === listenerTable ? 1 : OTHER_TABLE_GAIN;
}
