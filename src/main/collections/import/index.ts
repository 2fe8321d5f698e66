/**
 * One entry for every import: the format is detected from the content and the file goes
 * to its importer. Every importer answers the same way (ImportOutcome) and reports the
 * same counts, so `signet import` and the app print one shape whatever came in.
 */
import { COLLECTION_LIMITS } from '../../../shared/collection';
import { importCurl } from '../curl/import-curl';
import { importHar } from '../har/import-har';
import { importInsomnia } from '../insomnia/import-insomnia';
import { importPostmanJson } from '../postman/import-postman';
import { ImportRefusal, type SecretSink } from './context';
import { detectFormat } from './detect';
import { readDocument } from './document';
import type { ImportOutcome } from './outcome';

export type { ImportOutcome };
export { decodeImportBytes } from './document';

/** Imports a file of any supported format; never throws (a bug becomes a refusal and nothing is imported). */
export async function importAny(content: string, sourceName: string, secrets: SecretSink): Promise<ImportOutcome> {
  try {
    if (
      content.length > COLLECTION_LIMITS.importBytes ||
      Buffer.byteLength(content, 'utf8') > COLLECTION_LIMITS.importBytes
    )
      throw new ImportRefusal(`file is larger than ${COLLECTION_LIMITS.importBytes / 1024 / 1024} MB`);
    const doc = await readDocument(content);
    const format = detectFormat(doc);
    switch (format) {
      case 'postman-v2.0':
      case 'postman-v2.1':
      case 'postman-environment':
        return await importPostmanJson(doc.json ?? doc.yaml, format, sourceName, secrets);
      case 'insomnia-v4':
      case 'insomnia-v5':
        return await importInsomnia(doc, format, sourceName, secrets);
      case 'openapi-3':
      case 'swagger-2': {
        // Loaded only for OpenAPI files: its validator (ajv) cost more to load than a Postman import of 10,000 requests.
        const { importOpenApi } = await import('../openapi/import-openapi');
        return await importOpenApi(doc, format, sourceName, secrets);
      }
      case 'har':
        return await importHar(doc, format, sourceName, secrets);
      case 'curl':
        return await importCurl(doc, format, sourceName, secrets);
    }
  } catch (error) {
    if (error instanceof ImportRefusal) return { ok: false, error: error.message };
    const kind = error instanceof Error ? error.name : typeof error;
    return { ok: false, error: `import failed unexpectedly (${kind}); nothing was imported` };
  }
}
