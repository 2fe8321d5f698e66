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

/** One thing main tells the renderer without being asked: its payload schema. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly doc: string;
}

/** Declares an event main may emit. */
export function defineEvent<P extends z.ZodType>(payload: P, doc: string): EventSpec<P> {
  return { payload, doc };
}
