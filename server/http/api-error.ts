import type { ErrorBody, ErrorCode } from "../../shared/protocol/error-codes.ts";

/** An error meant for the caller: an HTTP status plus the stable `{ code, message }` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  constructor(status: number, code: ErrorCode, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }

  toBody(): { error: ErrorBody } {
    return { error: { code: this.code, message: this.message } };
  }
}
