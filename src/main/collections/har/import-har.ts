/**
 * HAR 1.2 (browser DevTools "Save all as HAR") into one collection, one request per entry. A SigV4-signed entry
 * becomes AWS Signature auth with the region and service of its credential scope; the signature, key id, token
 * and cookies are left behind, so importing a capture never brings a credential into the workspace.
 */
import type { ImportFormat } from '../../../shared/collection';
import { COLLECTION_LIMITS } from '../../../shared/collection';
import type { RequestSpec } from '../../../shared/model';
import { ImportContext, ImportRefusal, isRecord, text, type SecretSink } from '../import/context';
import type { ImportDocument } from '../import/document';
import { flatCollection } from '../import/flat-collection';
import type { ImportOutcome } from '../import/outcome';
import { importHarRequest } from './har-request';

/** The name for the collection: the file's, else the first page's title. */
function collectionName(sourceName: string, log: Record<string, unknown>): string {
  const fromFile = sourceName.replace(/\.har$/i, '').trim();
  if (fromFile) return fromFile;
  const page = Array.isArray(log.pages) ? log.pages.find(isRecord) : undefined;
  return text(page?.title).trim() || 'HAR import';
}

/** Imports a HAR file; throws ImportRefusal for a file that cannot be imported. */
export async function importHar(
  doc: ImportDocument,
  format: Extract<ImportFormat, 'har'>,
  sourceName: string,
  secrets: SecretSink,
): Promise<ImportOutcome> {
  const data = doc.json ?? doc.yaml;
  const log = isRecord(data) && isRecord(data.log) ? data.log : undefined;
  if (!log || !Array.isArray(log.entries)) throw new ImportRefusal('not a HAR file: "log.entries" must be a list');
  if (log.entries.length > COLLECTION_LIMITS.children)
    throw new ImportRefusal(`a HAR file with more than ${COLLECTION_LIMITS.children} entries`);
  const name = collectionName(sourceName, log);
  const ctx = new ImportContext(name.slice(0, 120));
  const requests: RequestSpec[] = [];
  for (const [index, entry] of log.entries.entries()) {
    const request = isRecord(entry) && isRecord(entry.request) ? entry.request : undefined;
    if (!request) {
      ctx.warn(`entry ${index + 1} has no request; skipped`);
      continue;
    }
    requests.push(importHarRequest(request, `entry ${index + 1}`, ctx));
  }
  if (requests.length === 0) ctx.warn('the HAR file has no requests');
  return flatCollection(requests, name, format, ctx, secrets);
}
