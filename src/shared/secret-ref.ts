/** Where the renderer and saved files would hold a secret, they hold `secret:<id>` instead. */
export const SECRET_REF_PREFIX = 'secret:';

/** Whether a field's value is a reference to a secret main keeps. */
export function isSecretRef(value: string): boolean {
  return value.startsWith(SECRET_REF_PREFIX);
}
