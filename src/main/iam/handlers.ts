/** Main-side handlers of the IAM assistant's calls (src/shared/api/iam.ts). */
import { AppFailure } from '../core/failure';
import type { HandlerMap } from '../core/handlers';
import { UnsupportedPolicyError } from '../sandbox/policy';
import { generateSetup, GenerateInputError } from './generate';
import { lintPolicyText } from './lint';
import { parsePolicy, PolicyFileError } from './policy-files';
import type { NamedPolicy } from './policy-json';
import { simulateCrossAccount, SimulationInputError } from './simulate';
import { testOffline } from './test-offline';

/** The user's mistakes in what they typed are `invalid_input`, with the message that names them. */
async function userInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof GenerateInputError ||
      error instanceof PolicyFileError ||
      error instanceof SimulationInputError ||
      error instanceof UnsupportedPolicyError
    )
      throw new AppFailure('invalid_input', error.message);
    throw error;
  }
}

const parse = (named: { file: string; text: string }): NamedPolicy => parsePolicy(named.text, named.file);

export function createIamHandlers(): HandlerMap<'iamGenerate' | 'iamLint' | 'iamSimulate' | 'iamTestOffline'> {
  return {
    iamGenerate: async (input) => userInput(async () => generateSetup(input)),
    iamLint: async ({ file, text, kind, target }) => ({
      findings: await lintPolicyText(text, { file, ...(kind ? { kind } : {}), ...(target ? { target } : {}) }),
    }),
    iamSimulate: async (input) =>
      userInput(() =>
        simulateCrossAccount({
          caller: input.caller,
          callerPolicies: input.callerPolicies.map(parse),
          roleArn: input.roleArn,
          trustPolicy: parse(input.trustPolicy),
          rolePolicies: input.rolePolicies.map(parse),
          ...(input.boundary ? { boundary: parse(input.boundary) } : {}),
          ...(input.scps ? { scps: input.scps.map(parse) } : {}),
          ...(input.sessionPolicy ? { sessionPolicy: parse(input.sessionPolicy) } : {}),
          ...(input.resourcePolicy ? { resourcePolicy: parse(input.resourcePolicy) } : {}),
          ...(input.externalId !== undefined ? { externalId: input.externalId } : {}),
          ...(input.mfa ? { mfa: true } : {}),
          resource: input.resource,
        }),
      ),
    iamTestOffline: async (input) =>
      userInput(() =>
        testOffline({
          ...input,
          trustPolicy: parse(input.trustPolicy),
          rolePolicies: input.rolePolicies.map(parse),
          callerPolicies: input.callerPolicies.map(parse),
        }),
      ),
  };
}
