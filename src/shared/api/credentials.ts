// Owned by the credentials domain (issue 4): profiles, AssumeRole sessions, the credential viewer.
export const credentialCalls = {};
