/**
 * The credentials contract's constants without its schemas, for the renderer (which
 * never loads zod). api/credentials.ts and api/events.ts build their schemas from these
 * and re-export them.
 */

/** `arn:aws:iam::<12 digits>:role/<optional path/>name`, in any partition (aws, aws-cn, aws-us-gov ...). */
export const ROLE_ARN_PATTERN = /^arn:aws[-a-z]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** STS bounds for DurationSeconds; loopback sandbox endpoints may go lower (see MIN_SANDBOX_DURATION_SECONDS). */
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43_200;
/** Lowest lifetime accepted for a loopback STS endpoint, so that tests can watch a session expire. */
export const MIN_SANDBOX_DURATION_SECONDS = 1;

/** How a held session changed; `expiring` fires when it enters the last ten minutes. */
export const SESSION_CHANGES = [
  'added',
  'refreshed',
  'updated',
  'expiring',
  'expired',
  'removed',
  'refresh_failed',
] as const;
export type SessionChange = (typeof SESSION_CHANGES)[number];

/** How long before expiry a session counts as expiring soon (the viewer's amber state). */
export const EXPIRING_SOON_MS = 10 * 60_000;

/** Where a background SSO sign-in stands. */
export const SSO_LOGIN_STATES = ['waiting', 'slow_down', 'signed_in', 'failed', 'cancelled'] as const;
