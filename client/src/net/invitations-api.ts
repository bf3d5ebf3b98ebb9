/** The invitation routes, called with this console's session (`Authorization: Bearer`). */
import type { ErrorBody } from "../../../shared/protocol/error-codes.ts";
import type {
  CreateInvitationsBody,
  CreateInvitationsResponse,
  InvitationListResponse,
  RevokedInvitation,
} from "../../../shared/protocol/http-api.ts";
import { currentSessionToken } from "./hall-connection.ts";

export type InvitationAnswer<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<InvitationAnswer<T>> {
  try {
    const response = await fetch(path, {
      method,
      headers: {
        Authorization: `Bearer ${currentSessionToken()}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const payload = (text ? JSON.parse(text) : undefined) as (T & { error?: ErrorBody }) | undefined;
    if (response.ok) return { ok: true, value: payload as T };
    return { ok: false, error: payload?.error ?? { code: "internal", message: response.statusText } };
  } catch (error) {
    return { ok: false, error: { code: "internal", message: String(error) } };
  }
}

export function createInvitations(
  body: CreateInvitationsBody,
): Promise<InvitationAnswer<CreateInvitationsResponse>> {
  return call("POST", "/api/invitations", body);
}

export function listInvitations(consultationId: string): Promise<InvitationAnswer<InvitationListResponse>> {
  return call("GET", `/api/invitations?consultationId=${encodeURIComponent(consultationId)}`);
}

export function revokeInvitation(id: string): Promise<InvitationAnswer<RevokedInvitation>> {
  return call("POST", `/api/invitations/${encodeURIComponent(id)}/revoke`);
}
