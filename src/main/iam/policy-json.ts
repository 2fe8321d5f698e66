/** IAM policy documents as users write them (every element optional until linted). */

export type StringOrList = string | readonly string[];

export interface StatementJson {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: StringOrList;
  readonly NotAction?: StringOrList;
  readonly Resource?: StringOrList;
  readonly NotResource?: StringOrList;
  readonly Principal?: '*' | Readonly<Record<string, StringOrList>>;
  readonly NotPrincipal?: '*' | Readonly<Record<string, StringOrList>>;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, StringOrList>>>>;
}

export interface PolicyJson {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: readonly StatementJson[] | StatementJson;
}

/** A policy with the name it is reported under (a file name, or the editor's tab). */
export interface NamedPolicy {
  readonly file: string;
  readonly policy: PolicyJson;
}
