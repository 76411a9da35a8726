// The built core carries zod's runtime inside its bundle (packages/core/tsup.config.ts); zod stays a peer dependency
// for types and for the application's own schemas. This check runs on the built package, in both module formats:
// a core schema placed inside a schema of the application's zod parses, refuses and reports paths as it would if
// both came from one copy, and `instanceof` against the application's zod classes holds. Neither format loads zod
// or jStat at run time.
// It also checks that the `@peer-recovery/core/limits` entry gives the main entry's limits and nothing more.
// Run after `tsup` (the package's `check:pkg` script).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';

const require = createRequire(import.meta.url);
const formats = {
  esm: await import(new URL('../dist/index.js', import.meta.url).href),
  cjs: require('../dist/index.cjs'),
};

for (const file of ['index.js', 'index.cjs']) {
  const text = readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
  const loads = text.match(/(?:from |require\()["'](zod|jstat)(?:\/[^"']*)?["']/g);
  assert.equal(loads, null, `${file} loads a bundled package at run time: ${loads}`);
  // zod's locale namespaces are left out of the bundle (tsup.config.ts); English comes from its own module.
  const locales = text.match(/zod\/v4\/locales\/(?!en\.js)[\w-]+\.js/g);
  assert.equal(locales, null, `${file} carries zod locales the core never reads: ${locales?.slice(0, 3)}`);
}

for (const [format, core] of Object.entries(formats)) {
  const Visit = z.object({ activity: core.ActivityCode, peer: core.Peer.pick({ id: true }) });
  assert.ok(
    core.ActivityCode instanceof z.ZodEnum,
    `${format}: a core enum is a ZodEnum of the application's zod`,
  );
  assert.ok(core.Peer instanceof z.ZodObject, `${format}: a core record schema is a ZodObject`);
  assert.equal(
    core.Peer.shape.id.safeParse(7).error?.issues[0]?.message,
    'Invalid input: expected string, received number',
    `${format}: the bundled zod words its messages in English`,
  );
  const good = Visit.safeParse({ activity: 'mutual-aid-introduction', peer: { id: 'peer-1' } });
  assert.equal(good.success, true, `${format}: a composed schema parses a valid value`);
  const bad = Visit.safeParse({ activity: 'counseling-session', peer: { id: 7 } });
  assert.equal(bad.success, false, `${format}: a composed schema refuses an invalid value`);
  assert.ok(bad.error instanceof z.ZodError, `${format}: the error is a ZodError of the application's zod`);
  assert.deepEqual(
    bad.error.issues.map((issue) => [issue.path.join('.'), issue.code]),
    [
      ['activity', 'invalid_value'],
      ['peer.id', 'invalid_type'],
    ],
    `${format}: issues name the path and code`,
  );
  const data = core.parseProgramData({});
  assert.equal(
    data.success,
    false,
    `${format}: parseProgramData refuses an empty object with issues, not a throw`,
  );
  assert.deepEqual(
    data.issues.slice(0, 2).map((issue) => [issue.pointer, issue.code]),
    [
      ['format', 'required'],
      ['program', 'required'],
    ],
  );
}
// The `@peer-recovery/core/limits` entry: the main entry's limits, in a file that is no more than them.
const limitsEntry = {
  esm: await import(new URL('../dist/limits.js', import.meta.url).href),
  cjs: require('../dist/limits.cjs'),
};
for (const [format, limits] of Object.entries(limitsEntry)) {
  assert.deepEqual(
    limits.DEFAULT_INPUT_LIMITS,
    formats[format].DEFAULT_INPUT_LIMITS,
    `${format}: limits entry`,
  );
  assert.deepEqual(limits.INPUT_LIMIT_NAMES, formats[format].INPUT_LIMIT_NAMES, `${format}: limit names`);
  assert.deepEqual(
    Object.keys(limits).sort(),
    ['DEFAULT_INPUT_LIMITS', 'INPUT_LIMIT_NAMES'],
    `${format}: exports`,
  );
}
// The code each format loads for the entry: the file and, in ESM, the chunks it imports (shared with the main entry).
const loadedBytes = (file) => {
  const text = readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');
  const chunks = [...text.matchAll(/(?:from|import) *["']\.\/([\w.-]+\.js)["']/g)].map((m) => m[1]);
  return text.length + chunks.reduce((sum, chunk) => sum + loadedBytes(chunk), 0);
};
for (const file of ['limits.js', 'limits.cjs']) {
  const size = loadedBytes(file);
  assert.ok(size < 8_000, `${file} loads more than the limits (${size} bytes)`);
}
console.log(
  'dist: core schemas compose with the application zod (esm, cjs); the limits entry holds the limits',
);
