import { z } from 'zod';
import { calls, type CallName } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { AppFailure } from './failure';
import type { CallContext, HandlerMap } from './handlers';

/** Input that failed the contract's schema; the message is safe to show to the user. */
export class InvalidInputError extends AppFailure {
  override readonly name = 'InvalidInputError';
  constructor(message: string) {
    super('invalid_input', message);
  }
}

export type Dispatch = (name: string, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/**
 * Formats zod issues as one line per problem for the person who typed the input: a message
 * written for them (a refinement's) stands alone; a generic one names the field it is about.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      if (issue.code === 'custom') return issue.message;
      const where = issue.path.length > 0 ? issue.path.join('.') : 'input';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Validates `input` against the contract and runs the handler. Both hosts call
 * this, so no handler ever sees unvalidated input, and every answer has one shape:
 * expected failures (AppFailure) become results; anything else is logged in main and
 * reaches the renderer as a generic `internal` failure.
 */
export function createDispatch(handlers: HandlerMap<CallName>): Dispatch {
  return async (name, input, ctx) => {
    try {
      if (!isCallName(name)) throw new InvalidInputError(`unknown call "${name.slice(0, 64)}"`);
      const parsed = calls[name].input.safeParse(input ?? {});
      if (!parsed.success) throw new InvalidInputError(describeIssues(parsed.error));
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      return { ok: true, value: (await handler(parsed.data, ctx)) ?? null };
    } catch (error) {
      if (error instanceof AppFailure) return { ok: false, error: error.toFailure() };
      // Only the error's class reaches the log: messages of library errors can echo request data.
      console.error(`[signet] call ${name.slice(0, 64)} failed: ${error instanceof Error ? error.name : typeof error}`);
      return { ok: false, error: { code: 'internal', message: `${name.slice(0, 64)} failed inside Signet` } };
    }
  };
}
