import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every module a source file loads, following relative imports (static and dynamic), with the packages reached. */
function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) {
        packages.add(
          fileName.startsWith('@')
            ? fileName.split('/').slice(0, 2).join('/')
            : (fileName.split('/')[0] as string),
        );
        continue;
      }
      const base = resolve(dirname(file), fileName);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f));
      if (target === undefined) throw new Error(`unresolved import ${fileName} in ${file}`);
      visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('@peer-recovery/fhir/server is a subpath of its own', () => {
  it('a plain import of @peer-recovery/fhir does not load the server, @medplum/fhir-router or GraphQL', () => {
    const main = graph(join(SRC, 'index.ts'));
    expect([...main.files].filter((f) => f.includes(`${join(SRC, 'server')}`))).toEqual([]);
    expect(main.packages.has('@medplum/fhir-router')).toBe(false);
    expect(main.packages.has('graphql')).toBe(false);
    // the server entry does reach them (the test can fail)
    const server = graph(join(SRC, 'server', 'index.ts'));
    expect(server.packages.has('@medplum/fhir-router')).toBe(true);
  });

  it('is exported as ./server for the source condition, import and require', () => {
    const pkg = JSON.parse(readFileSync(join(SRC, '..', 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, unknown>>;
    };
    expect(pkg.exports['./server']).toEqual({
      '@peer-recovery/source': './src/server/index.ts',
      import: { types: './dist/server/index.d.ts', default: './dist/server/index.js' },
      require: { types: './dist/server/index.d.cts', default: './dist/server/index.cjs' },
    });
    expect(readFileSync(join(SRC, 'index.ts'), 'utf8')).not.toMatch(/from '\.\/server/);
  });
});
