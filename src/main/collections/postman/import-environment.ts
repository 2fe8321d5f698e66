/** Postman environment exports (`{ id, name, values: [{ key, value, type, enabled }] }`). */
import { randomUUID } from 'node:crypto';
import { LIMITS } from '../../../shared/model';
import { COLLECTION_LIMITS, type Environment, type EnvironmentValue } from '../../../shared/collection';
import { ImportContext, isRecord, text } from '../import/context';
import type { ImportReport } from '../../../shared/collection';

/**
 * Converts an environment. A value counts as enabled unless `enabled` is exactly false
 * (Postman treats an absent flag as enabled; null is read the same way). Values of
 * type `secret` go to the SecretStore.
 */
export function importEnvironment(
  json: Record<string, unknown>,
  ctx: ImportContext,
): { environment: Environment; report: ImportReport } {
  const rawValues = Array.isArray(json.values) ? json.values : [];
  let name = text(json.name).trim();
  if (!name) {
    name = ctx.sourceName;
    ctx.warn(`environment has no name; named "${name}" after the file`);
  }
  if (text(json._postman_variable_scope) === 'globals') ctx.warn('Postman globals were imported as an environment');
  const values: EnvironmentValue[] = [];
  for (const [index, entry] of rawValues.entries()) {
    if (!isRecord(entry)) {
      ctx.warn(`environment value ${index + 1} is not an object; skipped`);
      continue;
    }
    if (values.length >= COLLECTION_LIMITS.environmentValues) {
      ctx.warn(`more than ${COLLECTION_LIMITS.environmentValues} environment values; the rest were dropped`);
      break;
    }
    const key = ctx.clip(text(entry.key), LIMITS.headerName, `environment value ${index + 1} name`);
    const secret = entry.type === 'secret';
    const value: EnvironmentValue = {
      key,
      value: '',
      // Some exporters (Bruno, older Postman) mark a value off with `disabled: true` instead.
      enabled: entry.enabled !== false && entry.disabled !== true,
      secret,
    };
    const raw = ctx.clip(text(entry.value), LIMITS.headerValue, `environment value "${key.slice(0, 64)}"`);
    if (secret)
      ctx.secret(
        raw,
        `${ctx.sourceName} › environment ${name.slice(0, 64)}: ${key.slice(0, 64)}`,
        (stored) => (value.value = stored),
      );
    else value.value = raw;
    values.push(value);
  }
  const environment: Environment = { id: randomUUID(), name: ctx.clip(name, LIMITS.name, 'environment name'), values };
  return {
    environment,
    report: {
      format: 'postman-environment',
      name: environment.name,
      folders: 0,
      requests: 0,
      auth: {},
      variables: values.length,
      warnings: [],
    },
  };
}
