/**
 * The one shape every call answers with. Expected failures (AWS said no, a file is
 * missing, the network is down) are values with a stable code, never exceptions,
 * so the renderer handles them with one `if (!result.ok)` and shows them with one
 * helper.
 */
import type { SigningInfo } from './api/signing-info';

/** The closed set of failure codes. Add one here only with a test that produces it. */
export const FAILURE_CODES = [
  /** The input broke the contract or a rule (message names the field). */
  'invalid_input',
  /** A collection, request, environment, session or secret that is not there (any more). */
  'not_found',
  /** Reading or writing a file failed (disk full, permission, a file that is not what it should be). */
  'io',
  /**
   * Another writer (a second Signet, `signet import`) changed a file since this one read it;
   * the write was refused rather than replacing theirs. The message names what and where.
   */
  'conflict',
  /** The request left but the network failed in a way not covered below. */
  'network',
  'dns',
  'refused',
  'timeout',
  'tls',
  'cancelled',
  /** No usable credentials (broken profile, missing secret, expired source). */
  'credentials',
  /** The credential source needs a code from an MFA device; `mfaSerial` names it. */
  'mfa_required',
  /** Signing could not be done; nothing was sent. */
  'signing',
  /** STS refused (AssumeRole, GetCallerIdentity). */
  'sts',
  /** Main could not be reached, or refused the caller (browser host token). */
  'unavailable',
  /** A bug in main; the message is generic and the details stay in main's log. */
  'internal',
] as const;

export type FailureCode = (typeof FAILURE_CODES)[number];

export interface Failure {
  readonly code: FailureCode;
  /** One or two sentences, safe to show as they are (never a secret). */
  readonly message: string;
  /** Extra context safe to show (never a secret). */
  readonly detail?: string;
  /** With `mfa_required`: the device whose code is asked for. */
  readonly mfaSerial?: string;
  /** With an unresolved-variable refusal: the variable names. */
  readonly unresolved?: readonly string[];
  /** What was signed before the failure (a send refused by the network after signing). */
  readonly signing?: SigningInfo;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Failure };

/** A successful result. */
export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failed result. */
export function failure<T = never>(error: Failure): Result<T> {
  return { ok: false, error };
}

/** Whether `value` is a Result as it arrives over a transport. */
export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; error?: { code?: unknown } };
  if (candidate.ok === true) return 'value' in candidate;
  return (
    candidate.ok === false &&
    typeof candidate.error === 'object' &&
    (FAILURE_CODES as readonly unknown[]).includes(candidate.error?.code)
  );
}
