import type { CallName, CallOutput, ParsedInput } from '../../shared/contract';

/** Who is calling; hosts fill it in after their own checks. */
export interface CallContext {
  readonly host: 'electron' | 'browser' | 'cli' | 'test';
}

export type Handler<N extends CallName> = (input: ParsedInput<N>, ctx: CallContext) => Promise<CallOutput<N>>;

/** Handlers for a subset of the contract, as each domain module provides them. */
export type HandlerMap<K extends CallName> = { readonly [N in K]: Handler<N> };
