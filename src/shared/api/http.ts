import { z } from 'zod';
import { defineCall } from './define';
import type { Explanation, SigningInfo } from './signing-info';
import type { CheckResult } from '../check-basics';

export type { Explanation, SigningInfo } from './signing-info';
import { LIMITS, RequestSpecSchema } from '../model';
import { hasScheme } from '../default-scheme';

const HttpUrl = z
  .string()
  .max(LIMITS.url)
  // A URL without a scheme is taken as https:// (http:// for this machine) when it is sent.
  .refine((url) => /^https?:\/\//i.test(url.trim()) || !hasScheme(url), {
    message: 'The URL must use http:// or https://',
  })
  .refine((url) => url.trim() !== '', { message: 'Enter a URL to send' });

export const SendInputSchema = z.object({
  /** Chosen by the renderer so that the request can be cancelled while in flight. */
  requestId: z.string().min(1).max(LIMITS.name),
  request: RequestSpecSchema.extend({ url: HttpUrl }),
  /** Where the request lives, for {{variables}} and inherited auth. */
  context: z
    .object({
      collectionId: z.string().max(LIMITS.name).optional(),
      itemId: z.string().max(LIMITS.name).optional(),
      environmentId: z.string().max(LIMITS.name).optional(),
    })
    .default({}),
  /** One-time MFA code when the credential source asked for it. */
  mfaCode: z
    .string()
    .regex(/^\d{6}$/, 'MFA code must be 6 digits')
    .optional(),
});
export type SendInput = z.input<typeof SendInputSchema>;

export interface HttpResponseView {
  readonly status: number;
  readonly statusText: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** Body as text (UTF-8), possibly cut to `shownBytes`. */
  readonly bodyText: string;
  /** Pretty-printed JSON when the body parsed as JSON and was not cut. */
  readonly prettyJson?: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly shownBytes: number;
  readonly truncated: boolean;
  readonly timeMs: number;
  /** Where the time went, from the socket's events (DNS only when a name was looked up, TLS only for https). */
  readonly timings?: ResponseTimings;
  /**
   * The whole body as main keeps it on disk (see readBody, searchBody, prettyBody, saveBody);
   * absent where no body store runs (the CLI).
   */
  readonly bodyId?: string;
}

/** Milliseconds spent in each phase of one exchange. */
export interface ResponseTimings {
  readonly dnsMs?: number;
  readonly connectMs: number;
  readonly tlsMs?: number;
  /** From the request being on its way (connected, TLS done) to the first byte of the response. */
  readonly firstByteMs: number;
  readonly downloadMs: number;
}

export interface SentRequestView {
  readonly method: string;
  readonly url: string;
  /** Headers as sent, with Authorization and X-Amz-Security-Token redacted. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly bodyBytes: number;
}

/** A response came back (any status). Failures to get one are the Result's failure. */
export interface SendResult {
  readonly response: HttpResponseView;
  readonly sent: SentRequestView;
  readonly signing?: SigningInfo;
  readonly explanation?: Explanation;
  /** Set when an expired token was answered by one re-assume and one retry. */
  readonly retriedAfterRefresh?: boolean;
  /** The request's checks on this response, when it has any. */
  readonly checks?: readonly CheckResult[];
}

export const httpCalls = {
  sendRequest: defineCall<SendResult>()(
    SendInputSchema,
    'Resolve variables and auth, sign when asked, send from main, and report the response.',
  ),
  rememberedScope: defineCall<{ region: string; service: string } | null>()(
    z.object({ host: z.string().trim().min(1).max(LIMITS.name) }),
    'Region and service remembered for a host that derives nothing (a custom domain), or null.',
  ),
  cancelRequest: defineCall<{ cancelled: boolean }>()(
    z.object({ requestId: z.string().min(1).max(LIMITS.name) }),
    'Abort a request that is still in flight.',
  ),
};
