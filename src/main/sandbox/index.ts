/**
 * The sandbox: a local AWS look-alike (API Gateway HTTP API with IAM auth, STS, IAM
 * policy evaluation) for tests, the first-run demo and `signet sandbox`.
 */
export { startSandbox, sandboxDescription } from './server';
export type { Sandbox, SandboxDescription, SandboxLogEntry, SandboxOptions } from './server';
export type { KeyPair } from './directory';
export type { Route, ScenarioSeed } from './scenario';
export type { GatewayEcho } from './gateway';
