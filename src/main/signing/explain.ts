/**
 * Why AWS refused a request, in words, with the next step to take. Recognises the answers of
 * API Gateway and STS listed in PRODUCT.md from the error type and the message.
 */
import type { Explanation, SigningInfo } from '../../shared/api/http';
import { parseServerCanonical, firstDifference } from './server-canonical';

type Headers = ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string>>;

function header(headers: Headers, name: string): string | undefined {
  const entries: ReadonlyArray<readonly [string, string]> = Array.isArray(headers) ? headers : Object.entries(headers);
  return entries.find(([n]) => n.toLowerCase() === name)?.[1];
}

/** The server's message and error type from a JSON, XML or plain-text error body. */
function readError(bodyText: string): { message: string; type?: string } {
  try {
    const json = JSON.parse(bodyText) as Record<string, unknown>;
    const message = json.message ?? json.Message ?? json.errorMessage;
    const type = json.__type ?? json.code ?? json.Code;
    if (typeof message === 'string') return { message, ...(typeof type === 'string' ? { type } : {}) };
  } catch {
    // Not JSON: STS answers XML, some gateways plain text.
  }
  const message = /<Message>([\s\S]*?)<\/Message>/.exec(bodyText)?.[1];
  const code = /<Code>([^<]*)<\/Code>/.exec(bodyText)?.[1];
  const unescape = (s: string): string =>
    s
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  if (message !== undefined) return { message: unescape(message), ...(code ? { type: code } : {}) };
  return { message: bodyText };
}

/** The account id of an IAM, STS or execute-api ARN. */
function accountOf(arn: string): string | undefined {
  return /^arn:aws[\w-]*:[\w-]+:[\w-]*:(\d{12}):/.exec(arn)?.[1];
}

function sentToken(signing: SigningInfo | undefined): boolean {
  return Boolean(signing && /x-amz-security-token/i.test(signing.canonicalRequest));
}

interface Rule {
  readonly test: (message: string, type: string) => boolean;
  readonly build: (message: string, signing: SigningInfo | undefined) => Omit<Explanation, 'message' | 'errorType'>;
}

/** In order: clock skew and scope errors also carry InvalidSignatureException, so they come first. */
const RULES: readonly Rule[] = [
  {
    test: (m, t) => /MissingAuthenticationToken/i.test(t) || /Missing Authentication Token/i.test(m),
    build: (_m, signing) => ({
      cause: 'missing_token',
      title: signing ? 'No such resource, or the signature did not arrive' : 'The request was not signed',
      nextStep: signing
        ? 'The request was signed, so a REST API is most likely saying the path or stage does not exist: check the stage name and the resource path (and method) in the URL.'
        : 'Choose AWS Signature on the Auth tab (or inherit it from the collection) so that the request is signed. A REST API also says this for a wrong path or stage.',
    }),
  },
  {
    test: (m, t) =>
      /ExpiredToken/i.test(t) ||
      /security token included in the request is expired/i.test(m) ||
      /token has expired/i.test(m),
    build: () => ({
      cause: 'expired_token',
      title: 'The session credentials have expired',
      nextStep:
        'Refresh the credentials: assume the role again (or run `aws sso login` / re-export the keys), then resend.',
    }),
  },
  {
    test: (m, t) =>
      /UnrecognizedClient|InvalidClientTokenId/i.test(t) ||
      /security token included in the request is invalid/i.test(m),
    build: (_m, signing) => ({
      cause: 'unknown_key',
      title: 'AWS does not know this access key',
      nextStep:
        signing?.accessKeyId.startsWith('ASIA') && !sentToken(signing)
          ? 'This is a temporary key (ASIA…) sent without its session token: add the session token to the credentials.'
          : 'Check the access key id: it may be mistyped, deleted or rotated, or a temporary key whose session token is missing or belongs to other keys.',
    }),
  },
  {
    test: (m) => /Signature expired:|Signature not yet current/i.test(m),
    build: (_m, signing) => ({
      cause: 'clock_skew',
      title:
        signing?.addAuthDataTo === 'query'
          ? 'The presigned request has expired, or the clock is off'
          : 'The computer clock is more than 5 minutes off',
      nextStep:
        signing?.addAuthDataTo === 'query'
          ? 'Sign the URL again (or with a longer expiry), and make sure the system clock is set automatically.'
          : 'Set the system clock automatically (NTP) and resend; AWS rejects signatures more than 5 minutes from its own time.',
    }),
  },
  {
    test: (m) => /Credential should be scoped to/i.test(m),
    build: (m, signing) => {
      const service = /correct service: '([^']+)'/i.exec(m)?.[1];
      return {
        cause: 'wrong_scope',
        title: service ? 'The signing service is wrong' : 'The signing region is wrong',
        nextStep: service
          ? `Set the service on the AWS Signature tab to "${service}"${signing ? ` (it was "${signing.service}")` : ''}.`
          : `Set the region on the AWS Signature tab to the API's region (the one in its host name)${signing ? `; it was "${signing.region}"` : ''}.`,
      };
    },
  },
  {
    test: (m, t) =>
      /InvalidSignature|SignatureDoesNotMatch/i.test(t) || /signature we calculated does not match/i.test(m),
    build: (m, signing) => {
      const server = parseServerCanonical(m);
      const diff =
        server.canonicalRequest && signing
          ? firstDifference(signing.canonicalRequest, server.canonicalRequest)
          : undefined;
      return {
        cause: 'signature_mismatch',
        title: 'The signature does not match',
        nextStep: diff
          ? `The server canonicalised the request differently, first at ${diff}; something changed the request after signing (a proxy, a rewritten path or header).`
          : 'Check the secret access key (a wrong secret with a valid key id gives exactly this). If the secret is right, compare the canonical request in the signing inspector with what the server expected.',
        ...(server.canonicalRequest ? { serverCanonicalRequest: server.canonicalRequest } : {}),
        ...(server.stringToSign ? { serverStringToSign: server.stringToSign } : {}),
      };
    },
  },
  {
    test: (m) => /explicit deny/i.test(m),
    build: () => ({
      cause: 'explicit_deny',
      title: 'A policy explicitly denies this',
      nextStep:
        'Find the Deny statement: an identity policy, permissions boundary, session policy, SCP or the resource policy of the API. An Allow cannot override it.',
    }),
  },
  {
    test: (m, t) => /is not authorized to perform/i.test(m) || /^AccessDenied/i.test(t),
    build: (m) => {
      const who = /User: (\S+) is not authorized to perform:? (\S+?)(?: on resource:? (\S+?))?(?:[ .]|$)/i.exec(m);
      const action = who?.[2] ?? '';
      const resource = who?.[3] ?? 'the resource';
      if (/sts:AssumeRole/i.test(action) || /sts:AssumeRole/i.test(m)) {
        return {
          cause: 'not_authorized',
          title: 'The role cannot be assumed',
          nextStep: `Two policies must agree: the role's trust policy must trust ${who?.[1] ?? 'the caller'} (or its account), and the caller's account must allow sts:AssumeRole on ${resource}. Check the external ID and MFA conditions too.`,
        };
      }
      const callerAccount = who?.[1] ? accountOf(who[1]) : undefined;
      const apiAccount = accountOf(resource);
      const assumed = who?.[1] ? /:assumed-role\//.test(who[1]) : false;
      const allow = `${action || 'execute-api:Invoke'} on ${resource}`;
      if (callerAccount && apiAccount && callerAccount !== apiAccount) {
        // The cross-account case: the caller's own identity is not what the API's account trusts.
        return {
          cause: 'not_authorized',
          title: `The caller is in account ${callerAccount}, the API in account ${apiAccount}`,
          nextStep: `Assume the role in the API's account ${apiAccount} first (Credentials → Assume role), then send with that session: its permissions policy must allow ${allow}. ${assumed ? 'These credentials are a role session, but of a role in another account.' : "The caller's own keys cannot be allowed by a policy in another account for an HTTP API."}`,
        };
      }
      return {
        cause: 'not_authorized',
        title: 'The credentials are valid but not allowed',
        nextStep: `${assumed ? `Attach a policy to the role of ${who?.[1]}` : `Attach a policy to ${who?.[1] ?? 'the role'}`} that allows ${allow}${/no identity-based policy/i.test(m) ? ' (no identity-based policy allows it yet)' : ''}. If the API belongs to another account, assume a role in that account instead.`,
      };
    },
  },
];

/**
 * Explains an AWS error answer (usually 403), or returns undefined when the response is not
 * an error. `signing` is what Signet signed, used to tailor the advice and compare canonical requests.
 */
export function explainAwsError(
  status: number,
  headers: Headers,
  bodyText: string,
  signing?: SigningInfo,
): Explanation | undefined {
  if (status < 400) return undefined;
  const { message, type: bodyType } = readError(bodyText);
  const errorType = (header(headers, 'x-amzn-errortype') ?? bodyType ?? '').split(':')[0]?.trim() ?? '';
  const shown = message.trim().slice(0, 4000);
  const rule = RULES.find((r) => r.test(message, errorType));
  const base = errorType ? { errorType } : {};
  if (rule) return { ...rule.build(message, signing), ...base, message: shown };
  if (status !== 403 && status !== 401) return undefined;
  return {
    cause: 'unknown',
    ...base,
    title: `AWS refused the request (${status})`,
    message: shown,
    // Only a signed request has an inspector to point to.
    nextStep: signing
      ? 'Read the message above; the signing inspector shows exactly what was signed.'
      : 'Read the message above. The request was not signed with AWS Signature: if this API uses IAM authorization, choose AWS Signature on the Auth tab; otherwise check the token or key the API expects.',
  };
}
