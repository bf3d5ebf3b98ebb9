/**
 * Frames the room could not even read never reach it. Colyseus decodes a frame's message type with
 * @colyseus/schema, which writes a console line for every type name that is not UTF-8: a client sending
 * such frames could flood the log faster than any rate limit downstream. The transport here checks
 * the header of each frame first and closes the connection of whoever sends an unreadable one, the
 * way Colyseus itself treats an unreadable payload. It also counts the bytes of the state patches it
 * sends, which the room reports per patch (server/metrics/hall-metrics.ts).
 */
import { CloseCode, Protocol } from "@colyseus/core";
import { decode } from "@colyseus/schema";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { countPatchFrame } from "../metrics/hall-metrics.ts";

/** The part of a `ws` socket the guard uses. */
interface Socket {
  emit(event: string | symbol, ...args: unknown[]): boolean;
  close(code: number, reason: string): void;
  send(data: unknown, ...rest: unknown[]): void;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
/** Colyseus reads the protocol code from the low five bits of the first byte (the rest are modifiers). */
const PROTOCOL_CODE_BITS = 0x1f;

/** Reads a string header (fixstr, str 8/16/32) at `offset`: where its bytes start and how many. */
function stringSpan(bytes: Uint8Array, offset: number): { start: number; length: number } | undefined {
  const prefix = bytes[offset];
  if (prefix === undefined) return undefined;
  if ((prefix & 0xe0) === 0xa0) return { start: offset + 1, length: prefix & 0x1f };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sizes: Record<number, number> = { 217: 1, 218: 2, 219: 4 };
  const size = sizes[prefix];
  if (size === undefined || offset + 1 + size > bytes.length) return undefined;
  const at = offset + 1;
  const length =
    size === 1 ? view.getUint8(at) : size === 2 ? view.getUint16(at, true) : view.getUint32(at, true);
  return { start: at + size, length };
}

/** True unless the frame names its message type with bytes that are cut off or not UTF-8. */
export function isReadableFrame(bytes: Uint8Array): boolean {
  const code = (bytes[0] ?? 0) & PROTOCOL_CODE_BITS;
  if (code !== Protocol.ROOM_DATA && code !== Protocol.ROOM_REQUEST && code !== Protocol.ROOM_DATA_BYTES)
    return true;
  const it = { offset: 1 };
  if (code === Protocol.ROOM_REQUEST) decode.number(bytes, it);
  if (it.offset >= bytes.length || !decode.stringCheck(bytes, it)) return true;
  const span = stringSpan(bytes, it.offset);
  if (!span || span.start + span.length > bytes.length) return false;
  try {
    strictUtf8.decode(bytes.subarray(span.start, span.start + span.length));
    return true;
  } catch {
    return false;
  }
}

/** Counts the bytes of every state patch frame sent, for the patch size metric. */
function countPatches(socket: Socket): void {
  const send = socket.send.bind(socket);
  socket.send = (data, ...rest) => {
    if (data instanceof Uint8Array && ((data[0] ?? 0) & PROTOCOL_CODE_BITS) === Protocol.ROOM_STATE_PATCH)
      countPatchFrame(data.byteLength);
    send(data, ...rest);
  };
}

function guard(socket: Socket): void {
  const emit = socket.emit.bind(socket);
  socket.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    const data = args[0];
    if (event === "message" && data instanceof Uint8Array && !isReadableFrame(data)) {
      socket.close(CloseCode.WITH_ERROR, "unreadable frame");
      return false;
    }
    return emit(event, ...args);
  };
}

/** The websocket transport with every connection's frames checked before Colyseus reads them. */
export class FrameGuardedTransport extends WebSocketTransport {
  constructor(options: ConstructorParameters<typeof WebSocketTransport>[0]) {
    super(options);
    this.wss.on("connection", guard);
    this.wss.on("connection", countPatches);
  }
}
