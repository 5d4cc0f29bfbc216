/** The closed list of error codes the API answers with, and their HTTP status (STYLE §8). */
export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  /** A cookie-session write without the session's CSRF token, or from a foreign Origin. */
  CSRF_FAILED: 403,
  TOO_MANY_REQUESTS: 429,
  /** Never thrown on purpose: what the one error handler answers for an unexpected failure (leaks nothing). */
  INTERNAL: 500,
  NOT_IMPLEMENTED: 501,
  SERVICE_UNAVAILABLE: 503,
  /** The database cannot be reached or did not answer in time (issue #11): retry after a few seconds. */
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Sent as Retry-After (seconds) with a 429 or 503: when trying again can succeed (RFC 9110 §10.2.3). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): (typeof errorStatus)[ErrorCode] {
    return errorStatus[this.code];
  }
}

/** An import that could not be carried out; nothing was written. `location` names file, row and field. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly location: { file?: string; row?: number; field?: string } = {},
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
