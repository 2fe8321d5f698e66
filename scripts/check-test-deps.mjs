// Before `npm test`: the tests run real peers (Debian's Chromium, the AWS CLI, botocore) and AWS's
// SigV4 suite, at exactly the paths listed in src/main/testing/peers.json, which the tests read too.
// Check those paths (not whatever `aws` or `python3` is first on PATH), install what is missing
// when we can (root with apt-get), else stop and say what is missing. SIGNET_SKIP_PEERS=1 lets
// the run go on without them; the tests that need them are then skipped and listed at the end.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { peers } = JSON.parse(readFileSync(path.join(root, 'src/main/testing/peers.json'), 'utf8'));

function where(peer) {
  const given = (peer.pathEnv && process.env[peer.pathEnv]) || peer.path;
  return peer.relativeTo === 'repository' ? path.resolve(root, given) : given;
}

function present(peer) {
  const file = where(peer);
  return existsSync(file) && (!peer.probe || spawnSync(file, peer.probe, { stdio: 'ignore' }).status === 0);
}

let missing = peers.filter((peer) => !present(peer));
const installable = missing.filter((peer) => peer.apt);
if (installable.length > 0 && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  const packages = installable.map((peer) => peer.apt);
  console.log(`Installing test peers: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  missing = peers.filter((peer) => !present(peer));
}
if (missing.length === 0) process.exit(0);

const lines = missing.map(
  (peer) => `  - ${peer.label}: not at ${where(peer)}${peer.apt ? ` (sudo apt-get install -y ${peer.apt})` : ''}`,
);
if (process.env.SIGNET_SKIP_PEERS === '1') {
  console.warn(
    `SIGNET_SKIP_PEERS=1: going on without these test peers; their tests will be skipped:\n${lines.join('\n')}`,
  );
  process.exit(0);
}
console.error(
  `The tests need these peers, at these exact paths:\n${lines.join('\n')}\nInstall them, or set SIGNET_SKIP_PEERS=1 to skip the tests that need them (the summary lists them).`,
);
process.exit(1);
