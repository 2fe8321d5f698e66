/**
 * Reading an OpenAPI 3 / Swagger 2 document: external `$ref`s refused before any parser sees them
 * (an import must never reach the network or the disk), validation by @readme/openapi-parser with
 * its findings turned into warnings (API Gateway exports are often slightly off-spec), and `$ref`s
 * resolved by the same parser, falling back to on-demand lookup of local pointers when it gives up.
 */
import { compileErrors, dereference, validate } from '@readme/openapi-parser';
import { ImportContext, ImportRefusal, isRecord } from '../import/context';

/** The parser's document type; only parsed objects are passed, never a string (which it would read as a path or URL). */
type ApiDocument = Parameters<typeof dereference>[0];

/** Nodes visited when scanning for `$ref`s; a bigger document is not a real API description. */
const MAX_SCAN_NODES = 2_000_000;
/** The parser's own time limit per document, so a pathological file cannot stall an import. */
const PARSER_TIMEOUT_MS = 10_000;
/** Local `$ref` chains followed by `follow` before giving up (a ref to a ref to ...). */
const MAX_REF_HOPS = 16;

/** The first `$ref` that leaves the document (a URL or a file), or undefined when all are `#/...`. */
function firstExternalRef(root: unknown): string | undefined {
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  let visited = 0;
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if ((visited += 1) > MAX_SCAN_NODES) throw new ImportRefusal('the document is too large to read');
    if (!Array.isArray(node)) {
      const ref = (node as Record<string, unknown>).$ref;
      if (typeof ref === 'string' && !ref.startsWith('#')) return ref;
    }
    for (const child of Object.values(node)) stack.push(child);
  }
  return undefined;
}

/** The first line of the parser's message, without its source excerpt, short enough for a report. */
function firstLine(message: string): string {
  const line =
    message
      .split('\n')
      .map((part) => part.trim())
      .find((part) => part !== '' && !/validation failed\.?$/i.test(part)) ?? message;
  return line.slice(0, 200);
}

/**
 * Validates and dereferences the parsed document. Returns the document to read: fully dereferenced
 * when the parser manages (circular schemas keep their `$ref`s), else the original, read through `follow`.
 */
export async function loadOpenApi(raw: unknown, ctx: ImportContext): Promise<Record<string, unknown>> {
  if (!isRecord(raw)) throw new ImportRefusal('not an OpenAPI document: the file is not a mapping');
  const external = firstExternalRef(raw);
  if (external !== undefined)
    throw new ImportRefusal(
      `the document refers to another file or URL ($ref "${external.slice(0, 80)}"); Signet does not fetch them: bundle it into one file first`,
    );
  // External resolution is off as well, belt and braces: nothing is fetched whatever the parser finds.
  const noFetching = { resolve: { external: false, file: false }, timeoutMs: PARSER_TIMEOUT_MS };
  try {
    const result = await validate(structuredClone(raw) as ApiDocument, noFetching);
    if (!result.valid) {
      const count = result.errors.length;
      ctx.warn(
        `the document does not fully follow its specification (${count} problem${count === 1 ? '' : 's'}; first: ${firstLine(compileErrors(result))}); imported as far as it can be read`,
      );
    }
  } catch (error) {
    ctx.warn(`the document could not be validated (${firstLine(error instanceof Error ? error.message : '')})`);
  }
  try {
    const resolved: unknown = await dereference(structuredClone(raw) as ApiDocument, {
      ...noFetching,
      dereference: { circular: 'ignore' },
    });
    if (isRecord(resolved)) return resolved;
  } catch (error) {
    ctx.warn(
      `some $refs could not be resolved (${firstLine(error instanceof Error ? error.message : '')}); those parts are left out`,
    );
  }
  return raw;
}

/** A pointer token's percent escapes decoded; a malformed escape (`%E0%A4%A`) leaves the token as written. */
function decodeToken(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/** Reads a local JSON pointer (`#/components/schemas/Pet`). */
function pointer(root: Record<string, unknown>, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const token of ref.slice(1).split('/').slice(1)) {
    const key = decodeToken(token).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/**
 * A node with its `$ref` followed, when the parser left one (circular schemas, or a document it
 * could not dereference). An unresolvable ref gives undefined, so the caller treats it as absent.
 */
export function follow(root: Record<string, unknown>, node: unknown): unknown {
  let current = node;
  for (let hop = 0; hop < MAX_REF_HOPS; hop += 1) {
    if (!isRecord(current) || typeof current.$ref !== 'string') return current;
    current = pointer(root, current.$ref);
  }
  return undefined;
}
