// Owned by the collections domain (issue 5): import, workspace, environments, export.
export const collectionCalls = {};
