/** A consultation method's refusal: thrown by a method before anything changed, answered with its code. */
import type { ErrorCode } from "../../shared/protocol/error-codes.ts";

export class MethodRefusal extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode) {
    super(code);
    this.code = code;
  }
}

export function refused(code: ErrorCode): never {
  throw new MethodRefusal(code);
}
