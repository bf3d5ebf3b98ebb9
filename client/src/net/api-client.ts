/** Calls to the HTTP API; every failure comes back as a code the interface can translate. */
import type {
  ConsultationPreview,
  CreateConsultationBody,
  CreateConsultationResponse,
  CreateOptionsResponse,
  JoinResponse,
  PreviewBody,
} from "../../../shared/protocol/http-api.ts";
import { deviceKey } from "./device-key.ts";

export interface ApiFailure {
  readonly ok: false;
  /** An `ErrorCode` from the server, or "network" when it could not be reached or answered nonsense. */
  readonly code: string;
  readonly message: string;
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | ApiFailure;

/** A join code, a facilitator key or an invitation code: what opens a consultation's door. */
export type DoorKey = PreviewBody;
/** A door key, or the ticket of a verified sign-in. */
export type JoinKey = DoorKey | { readonly signInTicket: string };

async function post<T>(path: string, body: unknown): Promise<ApiResult<T>> {
  let response: Response;
  let payload: unknown;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    payload = await response.json();
  } catch (error) {
    return { ok: false, code: "network", message: String(error) };
  }
  if (response.ok) return { ok: true, value: payload as T };
  const error = (payload as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    ok: false,
    code: typeof error?.code === "string" ? error.code : "internal",
    message: typeof error?.message === "string" ? error.message : response.statusText,
  };
}

export function createConsultation(
  body: CreateConsultationBody,
): Promise<ApiResult<CreateConsultationResponse>> {
  return post("/api/consultations", body);
}

/** Whether this server asks for a creation code; when it cannot be asked, the form shows no code field. */
export async function createOptions(): Promise<CreateOptionsResponse> {
  try {
    const response = await fetch("/api/create-options");
    if (response.ok) return (await response.json()) as CreateOptionsResponse;
  } catch {
    // The create request itself reports an unreachable server.
  }
  return { secretRequired: false };
}

export function previewConsultation(key: DoorKey): Promise<ApiResult<ConsultationPreview>> {
  return post("/api/preview", key);
}

/** Enters with a name and colour, this browser's device key, and whether the code of conduct was accepted. */
export function joinConsultation(
  key: JoinKey,
  displayName: string,
  color: string,
  acceptCodeOfConduct: boolean,
): Promise<ApiResult<JoinResponse>> {
  return post("/api/join", { ...key, displayName, color, deviceKey: deviceKey(), acceptCodeOfConduct });
}
