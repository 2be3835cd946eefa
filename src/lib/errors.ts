/** An error with a stable code; `userMessage` (Chinese) is what a person may be shown. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly userMessage?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A refusal a person caused: the Chinese message says why, in one sentence. */
export class UserError extends AppError {
  constructor(userMessage: string, code = 'user_error') {
    super(code, userMessage, userMessage);
    this.name = 'UserError';
  }
}

/** An error a retry cannot fix (bad configuration, rejected by the platform for good). */
export class PermanentError extends AppError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'PermanentError';
  }
}

/** PostgreSQL unique_violation. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
