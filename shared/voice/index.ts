export * from "./hearing-range.ts";
export * from "./nearest-peers.ts";
export * from "./spatial-math.ts";
export * from "./table-voices.ts";
