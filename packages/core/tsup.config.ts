import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';

/** The packages whose runtime code the bundle carries (see `noExternal` below). */
const bundled = ['zod', 'jstat'];

/** Writes the licence of each bundled package next to the bundle, read from the installed package. */
function writeBundledLicences(): void {
  const require = createRequire(import.meta.url);
  const sections = bundled.map((name) => {
    const folder = dirname(require.resolve(`${name}/package.json`));
    const { version, homepage } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const licence = readFileSync(join(folder, 'LICENSE'), 'utf8').trim();
    return `${name} ${version} (${homepage ?? 'npm'})\n\n${licence}\n`;
  });
  writeFileSync(
    'dist/THIRD-PARTY-LICENSES.txt',
    `The files in this folder include code of the following packages.\n\n${sections.join('\n---\n\n')}`,
  );
}

/**
 * Leaves zod's locale namespaces (`z.locales` and `z.core.locales`, about 370 KB of code) out of the bundled copy of
 * zod: the core never reads them, and English, zod's default, comes from its own module, which zod's schemas import.
 * An application's own zod keeps every locale.
 */
const withoutZodLocales: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'without-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)
        ? { path: 'zod-locales', namespace: 'without-zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'without-zod-locales' }, () => ({
      contents: 'export {};',
      loader: 'js',
    }));
  },
};

export default defineConfig({
  entry: { index: 'src/index.ts', limits: 'src/limits.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // Start-up: zod's and jStat's runtime code is carried inside the bundle. Loaded from node_modules, zod 4 is some
  // 300 ES modules (its locales included) and jStat one large CommonJS file that Node scans for its exports; inside
  // one file they load in a fraction of the time (docs/performance.md, "Start-up"). The types still come from the
  // zod peer dependency: schemas made here and schemas made with the application's zod compose, since zod 4 checks
  // schema kinds by their traits, not by class identity (scripts/dist-zod-compose.mjs checks it on the build).
  noExternal: bundled,
  esbuildPlugins: [withoutZodLocales],
  onSuccess: async () => writeBundledLicences(),
});
