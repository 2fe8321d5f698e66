/**
 * Expected failures inside main. Domains throw an AppFailure (or a subclass) with a
 * stable code; the dispatcher turns it into the contract's `Result` failure. Anything
 * else thrown is a bug and becomes `internal`.
 */
import type { Failure, FailureCode, Result } from '../../shared/result';

export class AppFailure extends Error {
  override readonly name: string = 'AppFailure';
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly extra: Omit<Failure, 'code' | 'message'> = {},
  ) {
    super(message);
  }

  /** The failure as it crosses to the renderer. */
  toFailure(): Failure {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

/** A collection, request, environment or session that is not there. */
export function notFound(what: string): AppFailure {
  return new AppFailure('not_found', `${what} not found`);
}

const IO_CODES = new Set([
  'EACCES',
  'EPERM',
  'ENOSPC',
  'EROFS',
  'EISDIR',
  'ENOTDIR',
  'EMFILE',
  'EIO',
  'EDQUOT',
  'ENOENT',
]);

/** Turns a file-system error into an `io` failure naming what was being done; other errors pass through. */
export function ioFailure(doing: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && IO_CODES.has(code)) {
    return new AppFailure('io', `Could not ${doing}: ${code}`);
  }
  return error;
}

/** The value of a successful result; a failed one is thrown for the dispatcher to carry. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { code, message, ...extra } = result.error;
  throw new AppFailure(code, message, extra);
}

/**
 * Runs `work` and answers with a Result: an AppFailure becomes the failure; anything
 * else is a bug and propagates.
 */
export async function settle<T>(work: Promise<T> | (() => Promise<T> | T)): Promise<Result<T>> {
  try {
    return { ok: true, value: await (typeof work === 'function' ? work() : work) };
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, error: error.toFailure() };
    throw error;
  }
}

type Settled<H> = {
  readonly [K in keyof H]: H[K] extends (input: infer I, ctx: infer C) => Promise<infer O>
    ? (input: I, ctx: C) => Promise<Result<O>>
    : never;
};

/** A domain's handlers answering Results, as they reach the renderer through the dispatcher. */
export function settleAll<H extends object>(handlers: H): Settled<H> {
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (input: unknown, ctx: unknown) =>
        settle(() => (handler as (i: unknown, c: unknown) => Promise<unknown>)(input, ctx)),
    ]),
  ) as Settled<H>;
}
