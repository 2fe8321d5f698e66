/**
 * curl commands (one or many, as pasted from a shell history, DevTools' "Copy as cURL" or Signet's own "Copy as
 * curl") into one collection, one request per curl invocation.
 */
import type { ImportFormat } from '../../../shared/collection';
import { COLLECTION_LIMITS } from '../../../shared/collection';
import type { RequestSpec } from '../../../shared/model';
import { ImportContext, ImportRefusal, type SecretSink } from '../import/context';
import type { ImportDocument } from '../import/document';
import { flatCollection } from '../import/flat-collection';
import type { ImportOutcome } from '../import/outcome';
import { curlInvocations } from './curl-commands';
import { curlRequest } from './curl-request';

/** The requests of every curl invocation in the text; refuses a text without one. */
export function curlRequests(text: string, ctx: ImportContext): RequestSpec[] {
  const invocations = curlInvocations(text);
  if (invocations.length === 0) throw new ImportRefusal('no curl command found in the text');
  if (invocations.length > COLLECTION_LIMITS.children)
    throw new ImportRefusal(`more than ${COLLECTION_LIMITS.children} curl commands`);
  return invocations.map((argv, index) =>
    curlRequest(argv, invocations.length > 1 ? `command ${index + 1}` : 'command', ctx),
  );
}

/** Imports curl commands; throws ImportRefusal for a text that holds none. */
export async function importCurl(
  doc: ImportDocument,
  format: Extract<ImportFormat, 'curl'>,
  sourceName: string,
  secrets: SecretSink,
): Promise<ImportOutcome> {
  const name = sourceName.replace(/\.(?:sh|txt|curl)$/i, '').trim() || 'curl import';
  const ctx = new ImportContext(name.slice(0, 120));
  return flatCollection(curlRequests(doc.text, ctx), name, format, ctx, secrets);
}
