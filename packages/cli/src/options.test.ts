import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { parseAsOf } from '@peer-recovery/core';
import { describe, expect, it } from 'vitest';
import { given } from './args';
import { cli } from './cli.test-support';
import { CliError } from './errors';
import { asOfOption } from './options';

const SAMPLE = fileURLToPath(new URL('../../../examples/sample-program/program.json', import.meta.url));
const ASSESSMENTS = fileURLToPath(
  new URL('../../../examples/research-outcomes/assessments.csv', import.meta.url),
);

describe('asOfOption', () => {
  it('reads a date as the end of that day in the zone, and defaults to the end of today', () => {
    const r = asOfOption('2026-11-20', 'America/Los_Angeles');
    expect(r).toEqual({ ms: Date.parse('2026-11-20T23:59:59.999-08:00'), date: '2026-11-20' });
    expect(asOfOption(undefined, 'UTC', Date.parse('2026-01-02T03:00:00Z'))).toEqual({
      ms: Date.parse('2026-01-02T23:59:59.999Z'),
      date: '2026-01-02',
    });
  });
  test.prop([fc.string()])('any string is the parse of core, or an error naming --as-of only', (spec) => {
    const parsed = parseAsOf(spec, 'Europe/Berlin');
    try {
      const r = asOfOption(spec, 'Europe/Berlin');
      expect(parsed.success && parsed.data).toEqual(r);
    } catch (e) {
      expect(parsed.success).toBe(false);
      expect(e).toBeInstanceOf(CliError);
      expect((e as CliError).message.startsWith('--as-of: ')).toBe(true);
      if (spec.trim().length > 3) expect((e as CliError).message).not.toContain(spec);
    }
  });
});

describe('--as-of of every command', () => {
  const commands: Record<string, string[]> = {
    check: ['check', SAMPLE],
    'export-fhir': ['export-fhir', SAMPLE],
    'summarize-outcomes': ['summarize-outcomes', ASSESSMENTS, '--enrolments', SAMPLE],
    'validate-outcomes': ['validate-outcomes', ASSESSMENTS, '--enrolments', SAMPLE],
  };
  describe.each(Object.entries(commands))('%s', (_name, args) => {
    it.each(['2026-02-31', '2027-13-45', 'yesterday', 'NaN', '1e20', '2027-03-10T10:00:00'])(
      'refuses %s as an option error (exit 2), never blaming the input file',
      async (asOf) => {
        const r = await cli(...args, '--as-of', asOf);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(/^peer-recovery: --as-of: .*\[invalid-as-of\]/m);
        expect(r.err).not.toMatch(/unexpected|input:|program\.json:/);
        expect(r.out).toBe('');
      },
    );
  });
  // Valid values are evaluated by the check tests above; here every refused string must give the option error.
  test.prop([fc.string().filter((s) => !parseAsOf(s, 'America/Los_Angeles').success)], { numRuns: 20 })(
    'check refuses any string parseAsOf refuses with the option error (exit 2), naming no file',
    async (asOf) => {
      const r = await cli('check', SAMPLE, '--as-of', asOf, '--format', 'json');
      expect(r).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/^peer-recovery: --as-of: /) });
    },
  );
});

describe('given', () => {
  it('drops the options that were not given, keeps falsy values that were, and changes nothing in its input', () => {
    const input = { asOf: '2026-11-20', out: undefined, minCell: 0, strict: false, name: '' };
    expect(given(input)).toEqual({ asOf: '2026-11-20', minCell: 0, strict: false, name: '' });
    expect(Object.keys(given(input))).not.toContain('out');
    expect(input).toEqual({ asOf: '2026-11-20', out: undefined, minCell: 0, strict: false, name: '' });
  });
});
