// Owned by the sandbox domain: the local API Gateway + STS look-alike.
export const sandboxCalls = {};
