/**
 * An S3 look-alike under the sandbox's `/s3/` prefix: it checks signatures by S3's canonical
 * rules (path as received, the client's `x-amz-content-sha256`), so S3 requests are verified end
 * to end. Authorized requests get the gateway's JSON echo; failures get S3's XML errors.
 */
import { randomUUID } from 'node:crypto';
import { authenticate } from './authenticate';
import { echoOf, type SandboxAnswer } from './gateway';
import type { Scenario } from './scenario';
import {
  headerMap,
  headerValue,
  parseSignature,
  sha256Hex,
  UNSIGNED_PAYLOAD,
  type ReceivedRequest,
} from './sigv4-verify';

/** The path prefix the S3 look-alike answers under. */
export const S3_PREFIX = '/s3';

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function s3Error(status: number, code: string, message: string, extra = ''): SandboxAnswer {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message>${extra}<RequestId>${randomUUID()}</RequestId></Error>`;
  return { status, headers: { 'content-type': 'application/xml' }, body, errorType: code };
}

/** Whether a request target is under the S3 prefix. */
export function isS3Path(target: string): boolean {
  const path = target.split('?')[0] ?? '';
  return path === S3_PREFIX || path.startsWith(`${S3_PREFIX}/`);
}

/** Authenticates one S3 request by S3's rules and answers it. */
export function handleS3(request: ReceivedRequest, scenario: Scenario, now: Date): SandboxAnswer {
  const parsed = parseSignature(request);
  if (parsed.kind === 'signed' && !parsed.claims.presigned) {
    const claimed = headerValue(headerMap(request.rawHeaders), 'x-amz-content-sha256');
    if (claimed === undefined)
      return s3Error(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    if (claimed !== UNSIGNED_PAYLOAD && claimed !== sha256Hex(request.body)) {
      return s3Error(
        400,
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }
  }
  const auth = authenticate(request, scenario.directory, { service: 's3', region: scenario.region, now, rules: 's3' });
  if (!auth.ok) {
    if (auth.kind === 'missing') return s3Error(403, 'AccessDenied', 'Access Denied');
    if (auth.kind === 'unknown-key' || auth.kind === 'invalid-token')
      return s3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    if (auth.kind === 'mismatch') {
      const extra = `<CanonicalRequest>${xmlEscape(auth.canonicalRequest ?? '')}</CanonicalRequest><StringToSign>${xmlEscape(auth.stringToSign ?? '')}</StringToSign>`;
      return s3Error(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        extra,
      );
    }
    return s3Error(403, 'AccessDenied', auth.message);
  }
  const { principal } = auth.key;
  // The bucket belongs to account A; another account's principal has no bucket policy to let it in.
  if (principal.account !== scenario.accountA) return s3Error(403, 'AccessDenied', 'Access Denied');
  const echo = echoOf(request, { arn: principal.arn, account: principal.account });
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(echo) };
}
