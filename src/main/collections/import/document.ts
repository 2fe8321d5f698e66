/**
 * An import file as text and as data: the bytes decoded by their byte-order mark
 * (UTF-8, UTF-16 LE/BE; newman reads UTF-16 environments, so Signet does too), then
 * parsed as JSON, or else as YAML. Parse errors name the position, never the content.
 */
export { decodeImportBytes } from '../../../shared/import-bytes';

export interface ImportDocument {
  /** The text, without a byte-order mark. */
  readonly text: string;
  /** The parsed JSON, when the text is JSON. */
  readonly json?: unknown;
  /** The parsed YAML, when the text is not JSON but is a YAML mapping or list. */
  readonly yaml?: unknown;
  /** Why the text is neither, for the refusal message. */
  readonly parseProblem?: string;
}

/** A text that came through a UTF-8 reader although it was UTF-16: mostly NUL characters between letters. */
function looksLikeMisreadUtf16(text: string): boolean {
  const sample = text.slice(0, 200);
  const nuls = sample.split('\u0000').length - 1;
  return sample.length > 8 && nuls > sample.length / 4;
}

/**
 * Reads an import file's text. YAML's parser is loaded only for text that is not JSON: most
 * imports are JSON, and loading it cost a tenth of a 100,000-request `signet import`'s start.
 */
export async function readDocument(content: string): Promise<ImportDocument> {
  let text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (looksLikeMisreadUtf16(text))
    text = text
      .split('\u0000')
      .join('')
      .replace(/^\uFFFD+/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { text, json: JSON.parse(text) as unknown };
    } catch (error) {
      const where = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
      // JSON-looking text that does not parse may still be YAML flow style; try that before refusing.
      const yaml = await tryYaml(text);
      if (yaml.value !== undefined) return { text, yaml: yaml.value };
      return { text, parseProblem: `not valid JSON${where ? ` (at character ${where})` : ''}` };
    }
  }
  const yaml = await tryYaml(text);
  if (yaml.value !== undefined) return { text, yaml: yaml.value };
  return { text, ...(yaml.problem ? { parseProblem: yaml.problem } : {}) };
}

async function tryYaml(text: string): Promise<{ value?: unknown; problem?: string }> {
  const { parseDocument } = await import('yaml');
  try {
    const doc = parseDocument(text, { uniqueKeys: false });
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      return { problem: `not valid JSON or YAML (line ${first.linePos?.[0]?.line ?? '?'})` };
    }
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (typeof value === 'object' && value !== null) return { value };
    return {
      problem:
        value === null || value === undefined
          ? 'the file is empty'
          : 'it is plain text, not JSON, YAML or a curl command',
    };
  } catch {
    return { problem: 'not valid JSON or YAML' };
  }
}
