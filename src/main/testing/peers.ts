/**
 * The one way a test finds a real peer (the AWS CLI, botocore, AWS's SigV4 suite). A peer
 * that is there is returned; a missing one fails a test that names it and says how to
 * install it. Only with SIGNET_SKIP_PEERS=1 are the tests that need it skipped instead, and
 * each skip is recorded for the run's closing summary (peer-summary.ts).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import table from './peers.json';

export type PeerName = 'aws-cli' | 'botocore' | 'sigv4-suite' | 'curl' | 'openssl';

interface PeerEntry {
  readonly name: string;
  readonly label: string;
  readonly path: string;
  readonly pathEnv?: string;
  readonly probe?: readonly string[];
  readonly apt?: string;
  readonly relativeTo?: string;
}

export interface Peer {
  /** The program or folder the test uses. */
  readonly path: string;
  /**
   * True only when the peer is missing AND SIGNET_SKIP_PEERS=1 allows skipping. Without that
   * setting the dependent tests run, and fail, beside the test that names the missing peer.
   */
  readonly skip: boolean;
}

/** The file where skipped peers are listed for the summary (set by peer-summary.ts). */
export const SKIPPED_PEERS_FILE_ENV = 'SIGNET_SKIPPED_PEERS_FILE';
const REPOSITORY = path.resolve(__dirname, '..', '..', '..');

function entryOf(name: PeerName): PeerEntry {
  const entry = (table.peers as readonly PeerEntry[]).find((p) => p.name === name);
  if (!entry) throw new Error(`no peer named ${name} in peers.json`);
  return entry;
}

/** Where the peer is expected, exactly as the tests use it. */
export function peerPath(name: PeerName): string {
  const entry = entryOf(name);
  const given = (entry.pathEnv && process.env[entry.pathEnv]) || entry.path;
  return entry.relativeTo === 'repository' ? path.resolve(REPOSITORY, given) : given;
}

const found = new Map<PeerName, boolean>();

function isPresent(name: PeerName): boolean {
  const known = found.get(name);
  if (known !== undefined) return known;
  const entry = entryOf(name);
  const where = peerPath(name);
  const present =
    existsSync(where) &&
    (!entry.probe || spawnSync(where, [...entry.probe], { stdio: 'ignore', timeout: 60_000 }).status === 0);
  found.set(name, present);
  return present;
}

/**
 * The peer for the tests of this file. When it is missing: with SIGNET_SKIP_PEERS=1 the
 * skip is recorded and `skip` tells the caller to skip; otherwise a failing test naming
 * the peer is added to the file, and the dependent tests run and fail too (never skipped quietly)
 * again with a rawer error.
 */
export function peer(name: PeerName, neededBy: string): Peer {
  const where = peerPath(name);
  if (isPresent(name)) return { path: where, skip: false };
  const entry = entryOf(name);
  if (process.env.SIGNET_SKIP_PEERS === '1') {
    const file = process.env[SKIPPED_PEERS_FILE_ENV];
    if (file) appendFileSync(file, `${entry.label}: ${neededBy}\n`);
    return { path: where, skip: true };
  }
  const install = entry.apt
    ? `Install it (sudo apt-get install -y ${entry.apt}; npm test does this when run as root)`
    : 'Put it there';
  it(`needs ${entry.label}`, () => {
    throw new Error(
      `Test peer missing: ${entry.label} (looked for ${where}), needed by ${neededBy}. ${install}, or set SIGNET_SKIP_PEERS=1 to skip these tests and have the summary list them.`,
    );
  });
  return { path: where, skip: false };
}
