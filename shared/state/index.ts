export * from "./town-hall-state.ts";
