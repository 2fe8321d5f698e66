/** Reads policy documents from disk, reporting bad JSON at its line and column. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { plainValue, readJson } from './json-source';
import type { NamedPolicy, PolicyJson } from './policy-json';

/** A policy file that cannot be used: unreadable, not JSON, or not a policy object. */
export class PolicyFileError extends Error {
  override readonly name = 'PolicyFileError';
}

/** Parses policy text; `file` names it in errors and in simulation answers. */
export function parsePolicy(text: string, file: string): NamedPolicy {
  const read = readJson(text);
  if (!read.ok)
    throw new PolicyFileError(
      `${file}:${read.error.at.line}:${read.error.at.column}: ${read.error.message} (${read.error.fix})`,
    );
  const value = plainValue(read.root);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('Statement' in value))
    throw new PolicyFileError(`${file}: not a policy (an object with a Statement)`);
  return { file, policy: value as PolicyJson };
}

/** Reads one policy file; it is named by its base name, as the generated files are. */
export async function readPolicyFile(path: string): Promise<NamedPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PolicyFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parsePolicy(text, basename(path));
}
