/**
 * The house rules of eslint.config.mjs, checked against the project's own ESLint
 * configuration, so that none of them can be dropped or weakened without a test failing.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The rule ids ESLint reports for `code` as if it stood at `filePath`. */
async function reported(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('main: a domain never imports an adapter', () => {
  it.each([
    ["import type { CliIo } from '../cli/command';", 'src/main/credentials/probe.ts'],
    ["import { startBrowserHost } from '../host/browser-host';", 'src/main/http/probe.ts'],
    ["import { applyGlobalGuards } from '../electron/security';", 'src/main/sandbox/probe.ts'],
    ["import type { CliIo } from '../../cli/command';", 'src/main/collections/postman/probe.ts'],
  ])('%s is refused in %s', async (code, filePath) => {
    expect(await reported(`${code}\n`, filePath)).toContain('no-restricted-imports');
  });

  it('lets the adapters and the composition root import the adapters', async () => {
    const code = "import { startBrowserHost } from './host/browser-host';\n";
    expect(await reported(code, 'src/main/app.ts')).not.toContain('no-restricted-imports');
  });
});

describe('renderer: features meet in common/ and the stores', () => {
  it("refuses another feature's component", async () => {
    const code = "import { UnresolvedWarning } from '../collections/UnresolvedWarning';\n";
    expect(await reported(code, 'src/renderer/request/Probe.tsx')).toContain('import-x/no-restricted-paths');
  });

  it("allows common/ and another feature's store", async () => {
    const code =
      "import { TextField } from '../common/TextField';\nimport { useCollectionsStore } from '../collections/store';\n";
    expect(await reported(code, 'src/renderer/request/Probe.tsx')).not.toContain('import-x/no-restricted-paths');
  });
});

describe('no import cycles', () => {
  it.each(['src/main/http/send.ts', 'src/shared/contract.ts', 'src/renderer/App.tsx'])(
    'import-x/no-cycle is an error for %s',
    async (filePath) => {
      const config = (await eslint.calculateConfigForFile(filePath)) as { rules: Record<string, unknown[]> };
      expect(config.rules['import-x/no-cycle']?.[0]).toBe(2);
    },
  );
});

describe('renderer and preload: no zod, schema modules for their types only', () => {
  it.each([
    ["import { z } from 'zod';", 'src/renderer/request/Probe.ts'],
    ["import type { z } from 'zod';", 'src/preload/probe.ts'],
    ["import { emptyRequest } from '../../shared/model';", 'src/renderer/request/Probe.ts'],
    ["import { calls } from '../shared/contract';", 'src/preload/probe.ts'],
    ["import { EXPIRING_SOON_MS } from '../../shared/api/events';", 'src/renderer/credentials/Probe.tsx'],
    ["import { effectiveAuth } from '../../shared/collection';", 'src/renderer/collections/probe.ts'],
  ])('%s is refused in %s', async (code, filePath) => {
    expect(await reported(`${code}\n`, filePath)).toContain('@typescript-eslint/no-restricted-imports');
  });

  it.each([
    "import type { RequestSpec } from '../../shared/model';",
    "import type { SignetApi } from '../../shared/contract';",
    "import { callNames } from '../../shared/contract-names';",
    "import { emptyRequest } from '../../shared/request-basics';",
    "import { ROLE_ARN_PATTERN } from '../../shared/credential-basics';",
  ])('%s is allowed in the renderer', async (code) => {
    expect(await reported(`${code}\n`, 'src/renderer/request/Probe.ts')).not.toContain(
      '@typescript-eslint/no-restricted-imports',
    );
  });
});
