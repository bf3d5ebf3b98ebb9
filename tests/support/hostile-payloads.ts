/**
 * Payloads a hostile client might send for a message type, derived from the type's own schema, so that
 * a new message type is covered without anyone writing its cases: a well-formed sample (with real ids
 * from the hall where a field's name asks for one), then every field replaced by wrong types, NaN and
 * infinities, huge strings, out-of-range values, or removed, and unknown fields added. Only variants
 * the schema refuses after a MessagePack round trip (what the server decodes) are kept.
 */
import { encode } from "@colyseus/schema";
import { Protocol } from "@colyseus/sdk";
import { pack, unpack } from "msgpackr";
import { type ZodType, z } from "zod";

interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  prefixItems?: JsonSchema[];
  items?: JsonSchema | false;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

/** Values a field's name may take from the hall (real poll, idea, participant ids...). */
export type HallContext = Readonly<Record<string, unknown>>;

/** Fits in one websocket frame (16 KB) yet is longer than any text field allows. */
export const HUGE_STRING = "x".repeat(15_000);

const WRONG_VALUES: readonly unknown[] = [
  null,
  true,
  "x",
  7,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e300,
  -1,
  0.5,
  [],
  {},
  HUGE_STRING,
  "\u202E<b onmouseover=x>\u200B</b>",
];

const PAYLOAD_VALUES: readonly unknown[] = [
  undefined,
  null,
  0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "x",
  HUGE_STRING,
  [],
  true,
  { unexpected: 1 },
  JSON.parse('{"__proto__": {"polluted": true}, "unexpected": 1}'),
];

function sample(schema: JsonSchema, context: HallContext, key: string | undefined): unknown {
  if (schema.anyOf?.[0]) return sample(schema.anyOf[0], context, key);
  if ("const" in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const known = key === undefined ? undefined : context[key];
  switch (schema.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {}))
        out[name] = sample(property, context, name);
      if (typeof schema.additionalProperties === "object") {
        const entryKey = typeof context.recordKey === "string" ? context.recordKey : "k";
        out[entryKey] = sample(schema.additionalProperties, context, undefined);
      }
      return out;
    }
    case "array": {
      if (schema.prefixItems) return schema.prefixItems.map((item) => sample(item, context, undefined));
      if (Array.isArray(known)) return known;
      const count = Math.max(schema.minItems ?? 0, 1);
      return Array.from({ length: count }, () =>
        schema.items ? sample(schema.items, context, undefined) : null,
      );
    }
    case "string":
      return typeof known === "string" ? known : "a".repeat(Math.max(schema.minLength ?? 0, 1));
    case "integer":
    case "number":
      return typeof known === "number" ? known : (schema.minimum ?? 0);
    case "boolean":
      return typeof known === "boolean" ? known : true;
    case "null":
      return null;
    default:
      return "a";
  }
}

type Path = readonly (string | number)[];

function withValue(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last === undefined) return value;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

function boundaryValues(schema: JsonSchema): unknown[] {
  const values: unknown[] = [];
  if (schema.maximum !== undefined) values.push(schema.maximum + 1);
  if (schema.minimum !== undefined) values.push(schema.minimum - 1);
  if (schema.maxLength !== undefined && schema.maxLength < HUGE_STRING.length)
    values.push("y".repeat(schema.maxLength + 1));
  return values;
}

/** Each field of the sample once per distinct schema (the 21 numbers of a pose share one). */
function fieldVariants(schema: JsonSchema, value: unknown, path: Path, seen: Set<string>, out: unknown[][]) {
  const node = schema.anyOf?.[0] ?? schema;
  const signature = JSON.stringify(node);
  if (path.length > 0 && !seen.has(signature)) {
    seen.add(signature);
    const replacements = [...WRONG_VALUES, ...boundaryValues(node)];
    out.push(replacements.map((replacement) => ({ path, value: replacement })));
    if (typeof path.at(-1) === "string") out.push([{ path, remove: true }]);
  }
  if (value !== null && typeof value === "object") {
    if (!Array.isArray(value)) out.push([{ path: [...path, "unexpected"], value: "field" }]);
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, Array.isArray(value) ? Number(key) : key];
      const childSchema = Array.isArray(value)
        ? (node.prefixItems?.[Number(key)] ?? (node.items || {}))
        : (node.properties?.[key] ??
          (typeof node.additionalProperties === "object" ? node.additionalProperties : {}));
      fieldVariants(childSchema, child, childPath, seen, out);
    }
  }
}

/** What the server decodes from this payload. */
export function overTheWire(payload: unknown): unknown {
  return payload === undefined ? undefined : unpack(pack(payload));
}

export interface HostilePayloads {
  /** A well-formed payload (not necessarily allowed by the rules of the moment). */
  readonly sample: unknown;
  /** Payloads the schema refuses, each meant to change nothing. */
  readonly variants: readonly unknown[];
}

export function hostilePayloads(schema: ZodType, context: HallContext): HostilePayloads {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const base = sample(json, context, undefined);
  const changes: unknown[][] = [];
  fieldVariants(json, base, [], new Set(), changes);
  const candidates: unknown[] = [...PAYLOAD_VALUES];
  for (const group of changes as { path: Path; value?: unknown; remove?: boolean }[][])
    for (const change of group) candidates.push(withValue(base, change.path, change.value, change.remove));
  // The room reads a message sent without a payload as an empty one.
  const variants = candidates.filter((candidate) => !schema.safeParse(overTheWire(candidate) ?? {}).success);
  return { sample: base, variants };
}

/**
 * A room frame as the SDK builds it (protocol code, message type, MessagePack payload), built by hand
 * so that tests control every byte (the SDK's own buffer is sized for honest type names).
 */
export function roomFrame(
  type: string | number,
  payload: unknown,
  code: number = Protocol.ROOM_DATA,
  requestId?: number,
): Uint8Array {
  const header = new Uint8Array(16 + (typeof type === "string" ? type.length * 3 : 0));
  header[0] = code;
  const it = { offset: 1 };
  if (requestId !== undefined) encode.number(header, requestId, it);
  if (typeof type === "string") encode.string(header, type, it);
  else encode.number(header, type, it);
  const body = payload === undefined ? new Uint8Array() : pack(payload);
  const frame = new Uint8Array(it.offset + body.length);
  frame.set(header.subarray(0, it.offset));
  frame.set(body, it.offset);
  return frame;
}
