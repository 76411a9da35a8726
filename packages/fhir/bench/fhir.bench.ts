import { validateResource as medplumValidateResource } from '@medplum/core';
import { generateProgramData } from '@peer-recovery/core';
import { bench, describe } from 'vitest';
import { toTransactionBundle } from '../src/bundle';
import { fastValidateResource } from '../src/compiled-validate';
import { exportProgram } from '../src/export';
import { importBundle } from '../src/import';
import { preloadDefinitions, validateResources } from '../src/validate';

// A generated 50-peer, 2-year program exported once; the baselines are JSON.parse of the same bundle text (for
// import) and a plain serialisation (for export). Ratios, not absolute times, are what to watch.
const data = generateProgramData({ peers: 50, seed: 11, start: '2025-01-01', years: 2 });
const exported = exportProgram(data, { asOf: '2026-12-31T23:59:59Z' });
if (!exported.success) throw new Error('export failed');
const bundle = toTransactionBundle(exported.data);
const text = JSON.stringify(bundle);
preloadDefinitions();

describe(`FHIR import, ${bundle.entry?.length ?? 0} entries`, () => {
  bench('baseline: JSON.parse of the bundle', () => {
    JSON.parse(text);
  });
  bench('importBundle (JSON.parse + mapping + parseProgramData)', () => {
    importBundle(JSON.parse(text));
  });
});

describe(`FHIR export, ${data.contacts.length} contacts`, () => {
  bench('baseline: JSON.stringify of the program', () => {
    JSON.stringify(data);
  });
  bench('exportProgram (map and validate every resource)', () => {
    exportProgram(data, { asOf: '2026-12-31T23:59:59Z' });
  });
  bench('validateResources only', () => {
    validateResources(exported.data);
  });
});

// Validation of the same exported resources: medplum's generic validator is the baseline; the compiled checks must
// run at least 10 times faster (and validateResource, medplum plus this adapter's checks, is the slow reference).
describe(`FHIR validation, ${exported.data.length} resources`, () => {
  bench('baseline: medplum validateResource', () => {
    for (const r of exported.data) medplumValidateResource(r);
  });
  bench('fastValidateResource (compiled checks)', () => {
    for (const r of exported.data) fastValidateResource(r);
  });
});
