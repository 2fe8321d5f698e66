/**
 * Insomnia environments into Signet variables.
 *
 * Mapping: Insomnia's base environment applies to every request of the workspace, so its data becomes the
 * collection's variables; a folder's own `environment` becomes that folder's variables; each sub environment
 * (Insomnia lets one be active at a time over the base) becomes a Signet environment, which likewise overrides
 * collection variables while it is active. Nested data (`{ aws: { region } }`, used as `{{ aws.region }}`) is
 * flattened to dotted names; lists are kept as JSON text.
 */
import { randomUUID } from 'node:crypto';
import { LIMITS, type KeyValue } from '../../../shared/model';
import { COLLECTION_LIMITS, type Environment } from '../../../shared/collection';
import { ImportContext, isRecord, text } from '../import/context';
import { convertTemplates } from './insomnia-templates';

/** Nesting followed when flattening environment data; deeper values are kept as JSON text. */
const MAX_DATA_DEPTH = 8;

function valueText(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value) ?? '';
    } catch {
      return '';
    }
  }
  return text(value);
}

/** Flattens environment data into rows, in the order Insomnia wrote them. */
export function environmentRows(data: unknown, what: string, ctx: ImportContext, max: number): KeyValue[] {
  if (data === undefined || data === null) return [];
  if (!isRecord(data)) {
    ctx.warn(`${what}: data is not an object; ignored`);
    return [];
  }
  const rows: KeyValue[] = [];
  const visit = (node: Record<string, unknown>, prefix: string, depth: number): void => {
    for (const [key, value] of Object.entries(node)) {
      if (rows.length >= max) {
        ctx.warn(`${what}: more than ${max} values; the rest were dropped`);
        return;
      }
      const name = prefix ? `${prefix}.${key}` : key;
      if (isRecord(value) && depth < MAX_DATA_DEPTH) {
        visit(value, name, depth + 1);
        continue;
      }
      rows.push({
        key: ctx.clip(name, LIMITS.headerName, `${what} name`),
        value: convertTemplates(ctx.clip(valueText(value), LIMITS.headerValue, `${what} "${name.slice(0, 40)}"`)),
        enabled: true,
      });
    }
  };
  visit(data, '', 0);
  return rows;
}

/** One sub environment as a Signet environment. */
export function importSubEnvironment(
  raw: Record<string, unknown>,
  index: number,
  workspaceName: string,
  ctx: ImportContext,
): Environment {
  const name = text(raw.name).trim() || `environment ${index + 1}`;
  const what = `environment "${name.slice(0, 64)}"`;
  const values = environmentRows(raw.data, what, ctx, COLLECTION_LIMITS.environmentValues).map((row) => ({
    key: row.key,
    value: row.value,
    enabled: true,
    secret: false,
  }));
  return {
    id: randomUUID(),
    name: ctx.clip(`${workspaceName} › ${name}`, LIMITS.name, `${what} name`),
    values,
  };
}
