import type { z } from 'zod';

/** One call the renderer can make to main: its input schema and result type. */
export interface CallSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly doc: string;
  /** Phantom field carrying the result type; never set at run time. */
  readonly output?: O;
}

/** Declares a call. `O` is the result type main resolves with. */
export function defineCall<O>() {
  return <I extends z.ZodType>(input: I, doc: string): CallSpec<I, O> => ({ input, doc });
}

/** The stable codes of expected failures, carried in results rather than thrown. */
export type FailureCode =
  | 'invalid_input'
  | 'network'
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'cancelled'
  | 'credentials'
  | 'mfa_required'
  | 'signing'
  | 'sts'
  | 'not_found'
  | 'io';

export interface Failure {
  readonly code: FailureCode;
  readonly message: string;
  /** Extra context safe to show (never a secret). */
  readonly detail?: string;
}
