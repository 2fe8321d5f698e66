import type { Failure, FailureCode } from '../../shared/result';

const TITLES: Readonly<Record<FailureCode, string>> = {
  invalid_input: 'Not accepted',
  not_found: 'Not found',
  io: 'Could not read or write a file',
  conflict: 'Changed by another Signet',
  network: 'Network error',
  dns: 'Host not found',
  refused: 'Connection refused',
  timeout: 'Timed out',
  tls: 'TLS error',
  cancelled: 'Cancelled',
  credentials: 'No usable credentials',
  mfa_required: 'MFA code needed',
  signing: 'Not signed',
  sts: 'AWS STS refused',
  unavailable: 'Signet is not reachable',
  internal: 'Something went wrong inside Signet',
};

/** A short heading for a failure, by its code. */
export function failureTitle(failure: Failure): string {
  return TITLES[failure.code];
}

/** The one way the renderer turns a failure into a line of text: its message, then its detail. */
export function failureText(failure: Failure): string {
  return failure.detail ? `${failure.message} (${failure.detail})` : failure.message;
}

/** A value thrown inside the renderer itself (a bug, a file the browser could not read), as a Failure. */
export function failureOf(error: unknown, code: FailureCode = 'internal'): Failure {
  return { code, message: error instanceof Error ? error.message : String(error) };
}
