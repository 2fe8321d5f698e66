/** Small ARN helpers for the session viewer. */

/** The account id inside an ARN (`arn:partition:service::<account>:...`), or ''. */
export function accountOfArn(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/**
 * `arn:aws:sts::123456789012:assumed-role/Name/session` → `arn:aws:iam::123456789012:role/Name`.
 * The role's path is not part of an assumed-role ARN, so it is lost; '' when not an assumed-role ARN.
 */
export function roleArnFromAssumedRoleArn(arn: string): string {
  const match = /^arn:(aws[-a-z]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : '';
}
