export * from "./audit.ts";
export * from "./floor.ts";
export * from "./moderation.ts";
export * from "./permissions.ts";
export * from "./roles.ts";
export * from "./speaking-mode.ts";
export * from "./speaking-queue.ts";
