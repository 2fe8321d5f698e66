// After `electron-vite build`: how much JavaScript the renderer loads before its first paint, and how big
// the preload is; exits 1 when either is over its budget. `npm run build` runs it, so a change that drags
// an editor or zod back into the first paint fails the build.
//
// Before first paint the renderer loads what out/renderer/index.html names (module scripts and
// modulepreload links) and, from those, every chunk reached through static `import ... from` statements.
// Chunks reached only through `import()` load on demand (CodeMirror, panels) and count in the total only.
//
// Usage: node scripts/check-bundle-size.mjs [--out DIR] [--json]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Budgets in bytes; kB means 1,000 bytes, as Vite prints sizes. */
export const BUDGETS = Object.freeze({
  /** Renderer JavaScript loaded before the first paint. */
  rendererFirstPaint: 500_000,
  /**
   * Scripts loaded before the first paint (a count, not bytes): the browser host serves over
   * HTTP/1.1, six at a time, and every wave of them delays the first paint.
   */
  rendererFirstPaintFiles: 4,
  /** The preload script: names and a few lines of IPC, never a validator. */
  preload: 16_000,
});

const SCRIPT_SRC = /<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/gi;
const MODULE_PRELOAD = /<link\b(?=[^>]*\brel=["']modulepreload["'])[^>]*\bhref=["']([^"']+)["'][^>]*>/gi;
// `import x from "./a.js"`, `import{a}from"./a.js"`, `import "./a.js"`, `export{a}from"./a.js"`, `export*from"./a.js"`;
// never `import("./a.js")` (on demand) or `import.meta`.
const STATIC_IMPORT =
  /(?:^|[\s;}])(?:import\s*(?:[\w$]+\s*,?\s*)?(?:\*\s*as\s+[\w$]+|\{[^}]*\})?\s*(?:from\s*)?|export\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*)["']([^"']+)["']/g;

const isRemote = (ref) => /^(?:[a-z]+:)?\/\//i.test(ref) || ref.startsWith('data:');

/** Files (absolute paths) referenced by `pattern` in `text`, resolved against `baseDir`, that exist. */
function references(text, pattern, baseDir, rootDir) {
  const found = [];
  for (const match of text.matchAll(pattern)) {
    const ref = match[1].split(/[?#]/)[0];
    if (isRemote(ref)) continue;
    const file = ref.startsWith('/') ? path.join(rootDir, ref) : path.resolve(baseDir, ref);
    if (/\.m?js$/.test(file) && existsSync(file)) found.push(file);
  }
  return found;
}

function jsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:m?js|cjs)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const sizeOf = (file) => statSync(file).size;
const gzipOf = (file) => gzipSync(readFileSync(file)).length;

/**
 * Measures a built `out/` directory: the renderer's first-paint scripts (entry and static imports),
 * every renderer script, and the preload bundle.
 */
export function measureBundles(outDir) {
  const rendererDir = path.join(outDir, 'renderer');
  const html = path.join(rendererDir, 'index.html');
  if (!existsSync(html)) throw new Error(`${html} not found: run electron-vite build first`);
  const htmlText = readFileSync(html, 'utf8');
  const queue = [
    ...references(htmlText, SCRIPT_SRC, rendererDir, rendererDir),
    ...references(htmlText, MODULE_PRELOAD, rendererDir, rendererDir),
  ];
  if (queue.length === 0) throw new Error(`${html} loads no script`);
  const firstPaint = new Set();
  while (queue.length > 0) {
    const file = queue.shift();
    if (firstPaint.has(file)) continue;
    firstPaint.add(file);
    queue.push(...references(readFileSync(file, 'utf8'), STATIC_IMPORT, path.dirname(file), rendererDir));
  }
  const describe = (file, base) => ({ file: path.relative(base, file), bytes: sizeOf(file), gzip: gzipOf(file) });
  const sum = (files, key = 'bytes') => files.reduce((total, file) => total + file[key], 0);
  const firstPaintFiles = [...firstPaint].map((file) => describe(file, rendererDir)).sort((a, b) => b.bytes - a.bytes);
  const rendererFiles = jsFiles(rendererDir).map((file) => describe(file, rendererDir));
  const preloadFiles = jsFiles(path.join(outDir, 'preload')).map((file) => describe(file, outDir));
  return {
    firstPaint: { files: firstPaintFiles, bytes: sum(firstPaintFiles), gzip: sum(firstPaintFiles, 'gzip') },
    renderer: { files: rendererFiles.length, bytes: sum(rendererFiles), gzip: sum(rendererFiles, 'gzip') },
    preload: { files: preloadFiles, bytes: sum(preloadFiles), gzip: sum(preloadFiles, 'gzip') },
  };
}

/** The budgets `measured` exceeds, each as a sentence; empty when all hold. */
export function overBudget(measured, budgets = BUDGETS) {
  const over = [];
  if (measured.firstPaint.bytes > budgets.rendererFirstPaint) {
    over.push(
      `renderer JS before first paint is ${kb(measured.firstPaint.bytes)}, over its ${kb(budgets.rendererFirstPaint)} budget: ` +
        'load editors and panels with import() / React.lazy, and keep zod out of the renderer',
    );
  }
  if (measured.firstPaint.files.length > budgets.rendererFirstPaintFiles) {
    over.push(
      `renderer loads ${measured.firstPaint.files.length} scripts before first paint, over its ${budgets.rendererFirstPaintFiles}: ` +
        "add the new shared module's path to SHELL_MODULES in electron.vite.config.ts",
    );
  }
  if (measured.preload.bytes > budgets.preload) {
    over.push(
      `preload is ${kb(measured.preload.bytes)}, over its ${kb(budgets.preload)} budget: ` +
        'it should import names from src/shared/contract-names.ts, not schemas',
    );
  }
  return over;
}

export const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/** The report `npm run build` prints. */
export function report(measured, budgets = BUDGETS) {
  const { firstPaint, renderer, preload } = measured;
  return [
    `renderer JS before first paint: ${kb(firstPaint.bytes)} (gzip ${kb(firstPaint.gzip)}) of a ${kb(budgets.rendererFirstPaint)} budget, in ${firstPaint.files.length} of at most ${budgets.rendererFirstPaintFiles} scripts`,
    ...firstPaint.files.map((file) => `  ${file.file} ${kb(file.bytes)}`),
    `renderer JS in all: ${kb(renderer.bytes)} (gzip ${kb(renderer.gzip)}) in ${renderer.files} files; the rest loads on demand`,
    `preload: ${kb(preload.bytes)} of a ${kb(budgets.preload)} budget`,
  ].join('\n');
}

function main(argv) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outFlag = argv.indexOf('--out');
  const outDir = outFlag >= 0 ? path.resolve(argv[outFlag + 1] ?? '') : path.join(root, 'out');
  const measured = measureBundles(outDir);
  if (argv.includes('--json')) console.log(JSON.stringify(measured));
  else console.log(report(measured));
  const over = overBudget(measured);
  for (const line of over) console.error(`OVER BUDGET: ${line}`);
  return over.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
