/** Typed keys from the AWS Signature tab: `secret:` references and `{{variables}}` resolved by the caller. */
import type { CredentialSource } from '../../shared/model';
import { CredentialError, type ResolvedCredentials } from '../core/ports';
import { isSecretRef, maskAccessKeyId } from '../core/secrets';

/** True when the text is a plain value, neither a `{{variable}}` nor a `secret:` reference. */
export function isLiteral(text: string): boolean {
  return !text.includes('{{') && !isSecretRef(text);
}

/** Resolves typed keys; an empty key id or secret is a CredentialError that says where to fill it in. */
export function resolveKeys(
  source: Extract<CredentialSource, { kind: 'keys' }>,
  resolveText: (text: string) => string,
): ResolvedCredentials {
  const read = (text: string, what: string): string => {
    try {
      return resolveText(text).trim();
    } catch (error) {
      if (error instanceof CredentialError) throw error;
      throw new CredentialError(
        `${what} could not be resolved: ${error instanceof Error ? error.message : String(error)}`,
        'credentials',
      );
    }
  };
  const accessKeyId = read(source.accessKeyId, 'Access key ID');
  const secretAccessKey = read(source.secretAccessKey, 'Secret access key');
  const sessionToken = source.sessionToken ? read(source.sessionToken, 'Session token') : '';
  if (!accessKeyId)
    throw new CredentialError(
      'Access key ID is empty: enter it in the AWS Signature tab (or set its {{variable}})',
      'credentials',
    );
  if (!secretAccessKey)
    throw new CredentialError(
      'Secret access key is empty: enter it in the AWS Signature tab (or set its {{variable}})',
      'credentials',
    );
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
    sourceLabel: `keys ${maskAccessKeyId(accessKeyId)}`,
  };
}
