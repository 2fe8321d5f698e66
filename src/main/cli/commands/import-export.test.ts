import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../index';

const FIXTURES = resolve(process.cwd(), '../shared/fixtures/postman/collections');
const dir = mkdtempSync(join(tmpdir(), 'signet-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { SIGNET_DATA_DIR: join(dir, 'data') },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

describe('signet import / export', () => {
  it('imports a collection and prints one JSON line', async () => {
    const { code, stdout } = await cli('import', join(FIXTURES, 'bruno_Basic_Auth_Folder.postman_collection.json'));
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toEqual({
      format: 'postman-v2.1',
      name: 'Basic Auth',
      folders: 3,
      requests: 8,
      auth: { basic: 7, none: 1 },
      variables: 0,
      warnings: [expect.stringMatching(/^\d+ secret values were not kept/)],
    });
  });

  it('refuses a file that is not a collection with one line and exit 1', async () => {
    writeFileSync(join(dir, 'junk.json'), 'this is not json');
    const { code, stdout, stderr } = await cli('import', 'junk.json');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'signet import: junk.json: not a file Signet can import: it is plain text, not JSON, YAML or a curl command\n',
    );
  });

  it('exports by name to Postman v2.1 that imports back the same', async () => {
    await cli('import', join(FIXTURES, 'bruno_AWS.postman_collection.json'));
    const { code, stdout } = await cli('export', 'AWS', '--out', 'aws.json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ out: join(dir, 'aws.json') });
    const exported = JSON.parse(readFileSync(join(dir, 'aws.json'), 'utf8')) as {
      info: { schema: string };
      auth: { type: string };
    };
    expect(exported.info.schema).toContain('v2.1.0');
    expect(exported.auth.type).toBe('awsv4');
    const again = await cli('import', 'aws.json');
    expect(JSON.parse(again.stdout)).toMatchObject({ folders: 0, requests: 2, auth: { awsv4: 2 } });
    expect((await cli('export', 'nope', '--out', 'x.json')).stderr).toBe('signet export: collection nope not found\n');
  });
});
