/** Insomnia's Nunjucks templating, as far as Signet's `{{name}}` variables can say the same thing. */

/** `{{ _.name }}`, `{{ _['name'] }}` and `{{ name }}`: a plain variable reference, possibly dotted. */
const VARIABLE_TAG = /\{\{\s*(?:_\s*\.\s*|_\s*\[\s*['"])?([A-Za-z_$][\w$.-]*)(?:['"]\s*\])?\s*\}\}/g;

/** Rewrites variable references to `{{name}}`; filters and `{% tag %}` blocks stay as written. */
export function convertTemplates(value: string): string {
  if (!value.includes('{{')) return value;
  return value.replace(VARIABLE_TAG, (_match, name: string) => `{{${name}}}`);
}

/** Whether a value uses a Nunjucks tag (`{% response ... %}`, `{% uuid %}`) that Signet cannot evaluate. */
export function hasTemplateTag(value: string): boolean {
  return value.includes('{%');
}
