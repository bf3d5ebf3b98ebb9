/** JSON Schema checks against what the server publishes about itself. */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export function newAjv(): Ajv2020 {
  // Union types (`type: ["string", "number"]`) are plain JSON Schema; strict mode only asks to allow them.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats.default(ajv);
  return ajv;
}

/** A validator for each named definition of the room protocol that the server at `url` publishes. */
export async function roomProtocolSchemas(url: string): Promise<(name: string) => ValidateFunction> {
  const protocol = (await (await fetch(`${url}/api/room-protocol.json`)).json()) as {
    $defs: Record<string, object>;
  };
  return (name) => {
    const schema = protocol.$defs[name];
    if (!schema) throw new Error(`no ${name} in the room protocol`);
    return newAjv().compile(schema);
  };
}
