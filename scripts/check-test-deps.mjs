// Before `npm test`: the end-to-end and differential tests use Debian's Chromium, the AWS CLI
// and botocore as real peers. Install them when we can (root with apt-get), else say what is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const checks = [
  { pkg: 'chromium', ok: () => existsSync(process.env.SIGNET_CHROMIUM ?? '/usr/bin/chromium') },
  { pkg: 'awscli', ok: () => existsSync('/usr/bin/aws') || spawnSync('aws', ['--version']).status === 0 },
  { pkg: 'python3-botocore', ok: () => spawnSync('python3', ['-c', 'import botocore']).status === 0 },
];
const missing = checks.filter((c) => !c.ok()).map((c) => c.pkg);
if (missing.length === 0) process.exit(0);

const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canApt) {
  console.error(
    `Tests need these Debian packages: ${missing.join(' ')}. Install them: sudo apt-get install -y ${missing.join(' ')}`,
  );
  process.exit(1);
}
console.log(`Installing test peers: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
