/**
 * Import of curl files into Signet's model. Not written yet: the file is refused with
 * a clear message, and nothing is imported.
 */
import type { ImportFormat } from '../../../shared/collection';
import { ImportRefusal, type SecretSink } from '../import/context';
import type { ImportDocument } from '../import/document';
import type { ImportOutcome } from '../import/outcome';

export async function importCurl(
  _doc: ImportDocument,
  format: Extract<ImportFormat, 'curl'>,
  _sourceName: string,
  _secrets: SecretSink,
): Promise<ImportOutcome> {
  throw new ImportRefusal(`${format} files are recognised but Signet cannot import them yet`);
}
