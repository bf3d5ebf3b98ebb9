export * from "./access-modes.ts";
export * from "./consultation-messages.ts";
export * from "./display-name.ts";
export * from "./error-codes.ts";
export * from "./http-api.ts";
export * from "./join-code.ts";
export * from "./roles.ts";
export * from "./room-messages.ts";
