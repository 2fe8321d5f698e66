/**
 * The bundle budget that `npm run build` enforces: what counts as loaded before first paint,
 * and that the script fails (exit 1) when a budget is exceeded. Runs against small built-like
 * trees, so it needs no build.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { BUDGETS, measureBundles, overBudget } from './check-bundle-size.mjs';

const script = join(import.meta.dirname, 'check-bundle-size.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A tree shaped like electron-vite's `out/`, from file contents by path. */
function outTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'signet-bundle-'));
  dirs.push(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

const html = (body: string) => `<!doctype html><html><head>${body}</head><body><div id="root"></div></body></html>`;
const padding = (bytes: number) => `/*${'x'.repeat(bytes - 4)}*/`;

function run(outDir: string) {
  const result = spawnSync(process.execPath, [script, '--out', outDir], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('renderer JS before first paint', () => {
  it('counts the entry, its modulepreloads and static imports, not what loads through import()', () => {
    const out = outTree({
      'renderer/index.html': html(
        '<script type="module" crossorigin src="./assets/index-a.js"></script>' +
          '<link rel="modulepreload" crossorigin href="./assets/react-b.js">' +
          '<link rel="stylesheet" href="./assets/index-c.css">',
      ),
      // Minified (import{...}from"..."), unminified (import { x } from "..."), bare and re-export forms.
      'renderer/assets/index-a.js':
        'import{a as r}from"./react-b.js";import"./side-d.js";export*from"./shared-e.js";' +
        'const v=()=>import("./CodeView-f.js");' +
        'const m=`import x from "./missing.js"`;' +
        padding(1000),
      'renderer/assets/react-b.js': `import { x } from "./shared-e.js";\n${padding(2000)}`,
      'renderer/assets/side-d.js': padding(300),
      'renderer/assets/shared-e.js': padding(400),
      'renderer/assets/CodeView-f.js': `import{a}from"./cm-g.js";${padding(400_000)}`,
      'renderer/assets/cm-g.js': padding(200_000),
      'renderer/assets/index-c.css': padding(50_000),
      'preload/index.cjs': padding(1500),
    });
    const measured = measureBundles(out);
    const names = measured.firstPaint.files.map((f: { file: string }) => f.file).sort();
    expect(names).toEqual(['assets/index-a.js', 'assets/react-b.js', 'assets/shared-e.js', 'assets/side-d.js']);
    expect(measured.firstPaint.bytes).toBe(
      measured.firstPaint.files.reduce((n: number, f: { bytes: number }) => n + f.bytes, 0),
    );
    expect(measured.renderer.files).toBe(6);
    expect(measured.renderer.bytes).toBeGreaterThan(600_000);
    expect(measured.preload.bytes).toBe(1500);
    expect(overBudget(measured)).toEqual([]);

    const ran = run(out);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/renderer JS before first paint: \d+\.\d kB .* of a 500\.0 kB budget/);
    expect(ran.stdout).toContain('preload: 1.5 kB of a 16.0 kB budget');
  });

  it('fails when the first paint is over its budget', () => {
    const out = outTree({
      'renderer/index.html': html('<script type="module" src="./assets/index.js"></script>'),
      'renderer/assets/index.js': `import"./vendor.js";${padding(300_000)}`,
      'renderer/assets/vendor.js': padding(BUDGETS.rendererFirstPaint - 300_000 + 1_000),
      'preload/index.cjs': padding(1000),
    });
    const ran = run(out);
    expect(ran.status).toBe(1);
    expect(ran.stderr).toMatch(/OVER BUDGET: renderer JS before first paint is 50\d\.\d kB, over its 500\.0 kB budget/);
  });

  it('passes at exactly the budget, the same bytes behind import() included', () => {
    const out = outTree({
      'renderer/index.html': html('<script type="module" src="./assets/index.js"></script>'),
      'renderer/assets/index.js': `const l=()=>import("./big.js");${padding(BUDGETS.rendererFirstPaint - 31)}`,
      'renderer/assets/big.js': padding(2_000_000),
      'preload/index.cjs': padding(1000),
    });
    expect(run(out).status).toBe(0);
  });

  it('fails when the first paint needs more scripts than its budget, whatever their size', () => {
    const imports = Array.from({ length: BUDGETS.rendererFirstPaintFiles }, (_, i) => `import"./s${i}.js";`).join('');
    const out = outTree({
      'renderer/index.html': html('<script type="module" src="./assets/index.js"></script>'),
      'renderer/assets/index.js': `${imports}${padding(100)}`,
      ...Object.fromEntries(
        Array.from({ length: BUDGETS.rendererFirstPaintFiles }, (_, i) => [`renderer/assets/s${i}.js`, padding(100)]),
      ),
      'preload/index.cjs': padding(1000),
    });
    const ran = run(out);
    expect(ran.status).toBe(1);
    expect(ran.stderr).toMatch(/OVER BUDGET: renderer loads 5 scripts before first paint, over its 4/);
  });

  it('fails when the preload is over its budget', () => {
    const out = outTree({
      'renderer/index.html': html('<script type="module" src="./assets/index.js"></script>'),
      'renderer/assets/index.js': padding(1000),
      'preload/index.cjs': padding(BUDGETS.preload + 1),
    });
    const ran = run(out);
    expect(ran.status).toBe(1);
    expect(ran.stderr).toContain('OVER BUDGET: preload is');
  });

  it('fails when there is no build to measure', () => {
    const ran = run(outTree({ 'preload/index.cjs': '' }));
    expect(ran.status).toBe(1);
    expect(ran.stderr).toContain('run electron-vite build first');
  });
});
