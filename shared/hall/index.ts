export * from "./hall-capacity.ts";
export * from "./hall-geometry.ts";
export * from "./teleport-rules.ts";
