export * from "./pose-rules.ts";
export * from "./quaternion-codec.ts";
