/**
 * Discussion tables (world café): while a round runs, voices from other tables fade so that each table
 * can talk. Someone in the plenary (table -1) hears everyone as usual, so a facilitator who stays out
 * of the tables can walk round and listen in; the floor holder's PA is not affected.
 */

/** What is left of a voice from another table (or from the plenary) at a seated listener's: a faint murmur. */
export const OTHER_TABLE_GAIN = 0.05;

/** Whether a listener hears a speaker at full level: everyone from the plenary, only one's own table at a table. */
export function sharesTable(listenerTable: number, speakerTable: number): boolean {
  return listenerTable < 0 || speakerTable === listenerTable;
}

/** The factor on a speaker's spatial voice for a listener; tables are 0-based, -1 is the plenary. */
export function tableGain(listenerTable: number, speakerTable: number): number {
  return sharesTable(listenerTable, speakerTable) ? 1 : OTHER_TABLE_GAIN;
}
