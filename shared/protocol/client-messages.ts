/**
 * Every message type a client may send, with its schema: the room's own messages (presence,
 * voice signalling, facilitation) and the consultation methods. Anything else is refused.
 */
import { ConsultationMessages } from "./consultation-messages.ts";
import { ClientMessages } from "./room-messages.ts";

export const ALL_CLIENT_MESSAGES = { ...ClientMessages, ...ConsultationMessages } as const;
export type AnyClientMessageType = keyof typeof ALL_CLIENT_MESSAGES;
export const ALL_CLIENT_MESSAGE_TYPES = Object.keys(ALL_CLIENT_MESSAGES) as AnyClientMessageType[];
