import { bench, describe } from 'vitest';
import { parseProgramData } from '../src/model/parse';
import { evaluateProgram, indexProgram } from '../src/rules/index';
import { generateProgramData } from '../src/synthetic/index';

// A 300-peer, 3-year program: about 12,000 contacts. The baseline is JSON.parse of the same document, a generic
// single pass over the data, so the ratio says what the rules cost relative to reading the data at all.
const data = generateProgramData({ peers: 300, seed: 7, start: '2024-01-01', years: 3 });
const json = JSON.stringify(data);
const index = indexProgram(data);

describe(`full rule evaluation, ${data.contacts.length} contacts, ${data.enrolments.length} enrolments`, () => {
  bench('baseline: JSON.parse of the program document', () => {
    JSON.parse(json);
  });
  bench('evaluateProgram (pre-built index)', () => {
    evaluateProgram(index, { asOf: '2026-12-31' });
  });
  bench('evaluateProgram (from data)', () => {
    evaluateProgram(data, { asOf: '2026-12-31' });
  });
  bench('parseProgramData (schema and integrity)', () => {
    parseProgramData(JSON.parse(json));
  });
});
