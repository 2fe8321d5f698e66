/**
 * Which format an import file is, from its content (never its name), and a refusal that
 * names what it looks like when it is none Signet reads.
 */
import type { ImportFormat } from '../../../shared/collection';
import { ImportRefusal, isRecord, text } from './context';
import type { ImportDocument } from './document';

/** A shell command line that runs curl (optionally after `$ ` or with line continuations). */
export function looksLikeCurl(input: string): boolean {
  return /^\s*(?:\$\s*)?curl(?:\.exe)?\s/i.test(input);
}

/** A shell script that runs curl after other commands (Signet's openssl form of "Copy as curl"). */
function runsCurl(input: string): boolean {
  return /(?:^|[;&|(]|\n)\s*curl(?:\.exe)?\s/.test(input);
}

export function detectFormat(doc: ImportDocument): ImportFormat {
  if (looksLikeCurl(doc.text)) return 'curl';
  const data = doc.json ?? doc.yaml;
  if (data === undefined && runsCurl(doc.text)) return 'curl';
  if (data === undefined)
    throw new ImportRefusal(`not a file Signet can import: ${doc.parseProblem ?? 'the file is empty'}`);
  if (!isRecord(data))
    throw new ImportRefusal(
      'not a file Signet can import: expected an object (Postman, Insomnia, OpenAPI, HAR) but found a list or a value',
    );
  if (isRecord(data.log) && Array.isArray(data.log.entries)) return 'har';
  if (text(data._type) === 'export' && data.__export_format !== undefined) {
    if (Number(data.__export_format) === 4) return 'insomnia-v4';
    throw new ImportRefusal(
      `Insomnia export format ${text(data.__export_format).slice(0, 32)} is not supported; export from Insomnia as v4 (JSON/YAML) or v5`,
    );
  }
  if (/^collection\.insomnia\.rest\/5/.test(text(data.type))) return 'insomnia-v5';
  if (/^3\./.test(text(data.openapi))) return 'openapi-3';
  if (text(data.swagger) === '2.0') return 'swagger-2';
  const info = isRecord(data.info) ? data.info : undefined;
  if ('item' in data || (info && ('_postman_id' in info || text(info.schema).includes('getpostman')))) {
    if (!Array.isArray(data.item))
      throw new ImportRefusal('not a Postman collection: "item" must be a list of requests and folders');
    if (!info) throw new ImportRefusal('not a Postman collection: "info" is missing');
    return text(info.schema).includes('v2.0') ? 'postman-v2.0' : 'postman-v2.1';
  }
  if (Array.isArray(data.requests) && Array.isArray(data.order))
    throw new ImportRefusal('Postman collection v1 is not supported; export it from Postman as Collection v2.1');
  if (Array.isArray(data.values)) return 'postman-environment';
  if (text(data.openapi) || text(data.swagger))
    throw new ImportRefusal(
      `OpenAPI/Swagger version ${(text(data.openapi) || text(data.swagger)).slice(0, 32)} is not supported; Signet reads OpenAPI 3.x and Swagger 2.0`,
    );
  if (text(data.asyncapi))
    throw new ImportRefusal('this is an AsyncAPI document; Signet imports HTTP APIs (OpenAPI 3.x, Swagger 2.0)');
  if (isRecord(data.info))
    throw new ImportRefusal(
      'not a file Signet can import: it has "info" but neither Postman\'s "item" nor an "openapi"/"swagger" version',
    );
  const keys = Object.keys(data)
    .slice(0, 5)
    .map((key) => key.slice(0, 32))
    .join(', ');
  throw new ImportRefusal(
    `not a file Signet can import (Postman, Insomnia v4/v5, OpenAPI 3, Swagger 2, HAR or a curl command); it is ${doc.json !== undefined ? 'JSON' : 'YAML'} with ${keys ? `keys ${keys}` : 'no keys'}`,
  );
}
