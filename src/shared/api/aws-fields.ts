/** Field schemas more than one AWS call takes: names as the AWS config files allow them, regions, endpoints. */
import { z } from 'zod';

/** A profile or sso-session name as ~/.aws/config allows it; `what` names it in the message. */
export function awsName(what: string) {
  return z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w.@+-]+$/, `${what} may use letters, digits and _ . @ + -`);
}

export const Region = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z]{2}(?:-[a-z]+)+-\d+$/, 'region must look like us-east-1');

/** An http(s) URL of at most `max` characters; `message` says what it is when it is not one. */
export function httpUrl(max: number, message: string) {
  return z
    .string()
    .max(max)
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    }, message);
}
