export * from "./hearing-range.ts";
export * from "./interpretation-routing.ts";
export * from "./interpretation-time.ts";
export * from "./interpreter-channels.ts";
export * from "./nearest-peers.ts";
export * from "./spatial-math.ts";
export * from "./table-voices.ts";
