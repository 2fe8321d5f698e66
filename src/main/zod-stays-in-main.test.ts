/**
 * Nothing the renderer or the preload loads, at launch or later through import(), reaches
 * zod or a schema module of the contract: validators are main's (see src/shared/contract-names.ts).
 * ESLint refuses the direct imports; this follows the imports through every module.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** What `file` imports as values (static, re-exported or through import()): type-only imports are erased. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const typesOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            bindings !== undefined &&
            ts.isNamedImports(bindings) &&
            bindings.elements.length > 0 &&
            bindings.elements.every((element) => element.isTypeOnly)));
      if (!typesOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(
    (candidate) => existsSync(candidate) && /\.tsx?$/.test(candidate),
  );
}

/** Every source module and package `entry` loads as a value, transitively. */
function valueGraph(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const queue = [resolve(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (modules.has(file)) continue;
    modules.add(file);
    for (const specifier of valueImports(file)) {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier);
        if (target) queue.push(target);
      } else {
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
      }
    }
  }
  return { modules, packages };
}

const SCHEMA_MODULE = /^src\/shared\/(contract|model|collection|api\/[^/]+)\.ts$/;

describe('zod stays in main', () => {
  it.each(['src/renderer/main.tsx', 'src/preload/index.ts'])('%s loads neither zod nor a schema module', (entry) => {
    const { modules, packages } = valueGraph(entry);
    const reached = [...modules].map((file) => relative(root, file));
    expect(reached.length).toBeGreaterThan(1);
    expect(reached.filter((file) => SCHEMA_MODULE.test(file))).toEqual([]);
    expect([...packages]).not.toContain('zod');
  });

  it('the walk does see schema modules and zod where they are loaded (main)', () => {
    const { modules, packages } = valueGraph('src/main/app.ts');
    expect([...modules].map((file) => relative(root, file))).toContain('src/shared/contract.ts');
    expect([...packages]).toContain('zod');
  });
});
