import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { dateShapedText } from '../../calendar/calendar.test-support';
import type { Enrolment, Peer } from '../../model/domain';
import type { AgeBand } from '../../model/vocabulary';
import { prssServiceDefinition, srpRecoveryConnect } from '../../packs/builtin';
import { enrolment, peer, programData } from '../../testing/builders';
import { codesOf, enrolmentRule, evalEnrolment } from '../rules.test-support';
import { ageRangeOn } from './index';

const RULE = 'enrolment-prerequisites';
const item2 = { document: 'srp-guidelines', section: 'Participation Requirements, item 2' };
const check = (
  p: Partial<Peer>,
  enrolledOn: string,
  asOf = '2030-01-01',
  e: Partial<Enrolment> = {},
  pack = srpRecoveryConnect,
) =>
  enrolmentRule(
    programData({ peers: [peer(p)], enrolments: [enrolment({ enrolledOn, ...e })] }),
    RULE,
    asOf,
    { pack },
  );
const born = (birthDate: string, populations: Peer['populations'] = ['adult-substance-use-disorder']) => {
  const { ageBand: _, ...p } = peer({ birthDate, populations });
  return p;
};

describe('ageRangeOn', () => {
  it('gives exact whole years from a birth date, the birthday itself included', () => {
    expect(ageRangeOn(born('2008-03-01'), '2026-02-28')).toEqual([17, 17]);
    expect(ageRangeOn(born('2008-03-01'), '2026-03-01')).toEqual([18, 18]);
  });
  it('turns a 29 February birthday over on 1 March in common years and on 29 February in leap years', () => {
    expect(ageRangeOn(born('2008-02-29'), '2026-02-28')).toEqual([17, 17]);
    expect(ageRangeOn(born('2008-02-29'), '2026-03-01')).toEqual([18, 18]);
    expect(ageRangeOn(born('2008-02-29'), '2028-02-28')).toEqual([19, 19]);
    expect(ageRangeOn(born('2008-02-29'), '2028-02-29')).toEqual([20, 20]);
  });
  const ymd = dateShapedText;
  test.prop([fc.oneof(ymd, fc.string()), fc.oneof(ymd, fc.string())])(
    'is the age of the readable field-by-field reference (years, one less before the birthday), for any text',
    (birthDate, day) => {
      const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
      expect(ageRangeOn(born(birthDate), day)).toEqual([age, age]);
    },
  );
  it('gives the band bounds without a birth date, and nothing without either', () => {
    expect(ageRangeOn(peer({ ageBand: '16-17' }), '2026-01-01')).toEqual([16, 17]);
    expect(ageRangeOn(peer({ ageBand: '65-plus' }), '2026-01-01')).toEqual([65, 150]);
    const { ageBand: _, ...none } = peer();
    expect(ageRangeOn(none, '2026-01-01')).toBeUndefined();
  });
  it('prefers the birth date to the band', () => {
    expect(ageRangeOn({ ...born('2000-01-01'), ageBand: '65-plus' }, '2026-01-01')).toEqual([26, 26]);
  });
});

describe('enrolment-prerequisites: documents', () => {
  it('passes when every document was completed by the enrolment date', () => {
    const r = check({}, '2026-01-31', '2026-02-01', {
      documents: {
        guidelinesAgreement: '2026-01-20',
        application: '2026-01-31',
        assessments: '2026-01-31',
        confidentialityForms: '2026-01-31',
        coachPeerContract: '2026-01-31',
      },
    });
    expect(r).toMatchObject({ status: 'pass', findings: [] });
    expect(r.obligations.map((o) => [o.id, o.status])).toEqual([
      ['enrolment-prerequisites:document:coachPeerContract', 'met'],
    ]);
  });

  it('reports a document not completed by the evaluation date as missing', () => {
    const r = check({}, '2026-01-31', '2026-02-10', {
      documents: {
        guidelinesAgreement: '2026-01-31',
        application: '2026-01-31',
        confidentialityForms: '2026-02-20',
      },
    });
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'enrolment-prerequisites.document-missing',
        severity: 'error',
        message: 'Enrolment document "assessments" is not completed.',
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'enrolments[0].documents.assessments',
        source: { ...item2, quote: 'understand and agree to the program guidelines' },
        expected: { completed: true },
        found: { completed: false },
        params: { document: 'assessments' },
      },
      expect.objectContaining({
        code: 'enrolment-prerequisites.document-missing',
        path: 'enrolments[0].documents.confidentialityForms',
      }),
    ]);
  });

  it('reports a document completed after the enrolment date as late', () => {
    const r = check({}, '2026-01-31', '2026-02-25', {
      documents: {
        guidelinesAgreement: '2026-01-31',
        application: '2026-01-31',
        assessments: '2026-02-01',
        confidentialityForms: '2026-02-20',
      },
    });
    expect(r.findings.map((f) => [f.code, f.path, f.expected, f.found, f.params, f.message])).toEqual([
      [
        'enrolment-prerequisites.document-late',
        'enrolments[0].documents.assessments',
        { completedBy: '2026-01-31' },
        { completedOn: '2026-02-01' },
        { document: 'assessments', completedOn: '2026-02-01', enrolledOn: '2026-01-31' },
        'Enrolment document "assessments" was completed on 2026-02-01, after enrolment on 2026-01-31.',
      ],
      [
        'enrolment-prerequisites.document-late',
        'enrolments[0].documents.confidentialityForms',
        { completedBy: '2026-01-31' },
        { completedOn: '2026-02-20' },
        { document: 'confidentialityForms', completedOn: '2026-02-20', enrolledOn: '2026-01-31' },
        'Enrolment document "confidentialityForms" was completed on 2026-02-20, after enrolment on 2026-01-31.',
      ],
    ]);
  });

  it('asks for no document under the service definition pack', () => {
    const r = check({}, '2026-01-31', '2026-02-25', { documents: {} }, prssServiceDefinition);
    expect(r.findings).toEqual([]);
    expect(r.status).toBe('pass');
  });

  it('is not applicable before the enrolment date', () => {
    const r = check({}, '2026-01-31', '2026-01-30', { documents: {} });
    expect(r).toMatchObject({ status: 'not-applicable', findings: [] });
  });
});

describe('enrolment-prerequisites: target population', () => {
  it('reports a peer in no population the program serves, with the peer path', () => {
    const data = programData({
      peers: [peer({ id: 'peer-0' }), peer({ populations: ['adult-serious-mental-illness'] })],
      enrolments: [enrolment({ enrolledOn: '2026-01-31' })],
    });
    const r = enrolmentRule(data, RULE, '2026-02-01');
    expect(r.findings).toEqual([
      expect.objectContaining({
        code: 'enrolment-prerequisites.population-not-eligible',
        path: 'peers[1].populations',
        expected: {
          oneOf: ['adult-substance-use-disorder', 'adult-self-identified', 'transitional-age-youth'],
        },
        found: { populations: ['adult-serious-mental-illness'] },
        params: {},
        severity: 'error',
        message: "None of the peer's target-population categories is served by this program.",
      }),
    ]);
    expect(enrolmentRule(data, RULE, '2026-02-01', { pack: prssServiceDefinition }).findings).toEqual([]);
  });

  it('does not check the age of a peer outside the populations', () => {
    const r = check(born('2015-01-01', ['adult-serious-mental-illness']), '2026-01-31');
    expect(codesOf(r)).toEqual(['enrolment-prerequisites.population-not-eligible']);
  });
});

describe('enrolment-prerequisites: age on the enrolment date', () => {
  it('requires an adult population to be at least adultMinAge (18) on the enrolment date', () => {
    const r = check(born('2008-03-01'), '2026-02-28');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'enrolment-prerequisites.age-outside-range',
        severity: 'error',
        message:
          "The peer's age at enrolment is outside the program's range for adult-substance-use-disorder.",
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'peers[0]',
        source: srpRecoveryConnect.rules['enrolment-prerequisites'].adultMinAge.source,
        expected: { minAge: 18 },
        found: { ageInRange: false },
        params: { population: 'adult-substance-use-disorder' },
      },
    ]);
    expect(check(born('2008-03-01'), '2026-03-01').findings).toEqual([]);
  });

  it('is measured on the enrolment date, not on the evaluation date', () => {
    expect(codesOf(check(born('2008-03-01'), '2026-02-28', '2027-06-01'))).toEqual([
      'enrolment-prerequisites.age-outside-range',
    ]);
  });

  it('makes a 29 February birthday count from 1 March in a common year', () => {
    expect(codesOf(check(born('2008-02-29'), '2026-02-28'))).toEqual([
      'enrolment-prerequisites.age-outside-range',
    ]);
    expect(check(born('2008-02-29'), '2026-03-01').findings).toEqual([]);
    // in a leap year the birthday itself exists
    expect(codesOf(check(born('2010-02-28'), '2028-02-27'))).toEqual([
      'enrolment-prerequisites.age-outside-range',
    ]);
    expect(check(born('2012-02-29', ['transitional-age-youth']), '2028-02-29').findings).toEqual([]);
    expect(codesOf(check(born('2012-02-29', ['transitional-age-youth']), '2028-02-28'))).toEqual([
      'enrolment-prerequisites.age-outside-range',
    ]);
  });

  it('keeps transitional-age youth inside youthAgeRange (16 to 25), both bounds included', () => {
    const youth = (b: string, on: string) => check(born(b, ['transitional-age-youth']), on);
    expect(youth('2010-06-01', '2026-05-31').findings).toEqual([
      expect.objectContaining({
        code: 'enrolment-prerequisites.age-outside-range',
        expected: { min: 16, max: 25 },
        params: { population: 'transitional-age-youth' },
        source: srpRecoveryConnect.rules['enrolment-prerequisites'].youthAgeRange.source,
      }),
    ]);
    expect(youth('2010-06-01', '2026-06-01').findings).toEqual([]);
    expect(youth('2000-06-01', '2026-05-31').findings).toEqual([]);
    expect(codesOf(youth('2000-06-01', '2026-06-01'))).toEqual(['enrolment-prerequisites.age-outside-range']);
  });

  it('accepts the peer when any served population fits', () => {
    const both: Peer['populations'] = ['adult-substance-use-disorder', 'transitional-age-youth'];
    expect(check(born('2009-01-01', both), '2026-06-01').findings).toEqual([]); // 17: youth
    expect(check(born('1990-01-01', both), '2026-06-01').findings).toEqual([]); // 36: adult
    const r = check(born('2012-01-01', both), '2026-06-01'); // 14: neither; reported for the first
    expect(r.findings[0]?.params).toEqual({ population: 'adult-substance-use-disorder' });
  });

  it('accepts an age band that overlaps the range', () => {
    const band = (ageBand: AgeBand, populations: Peer['populations']) =>
      codesOf(check({ ageBand, populations }, '2026-01-31'));
    expect(band('18-25', ['adult-self-identified'])).toEqual([]);
    expect(band('16-17', ['adult-self-identified'])).toEqual(['enrolment-prerequisites.age-outside-range']);
    expect(band('16-17', ['transitional-age-youth'])).toEqual([]);
    expect(band('18-25', ['transitional-age-youth'])).toEqual([]);
    expect(band('26-34', ['transitional-age-youth'])).toEqual(['enrolment-prerequisites.age-outside-range']);
    expect(band('under-16', ['transitional-age-youth'])).toEqual([
      'enrolment-prerequisites.age-outside-range',
    ]);
    expect(band('35-44', ['transitional-age-youth'])).toEqual(['enrolment-prerequisites.age-outside-range']);
  });

  it('gives an info finding, not a failure, when the age is unknown', () => {
    const { ageBand: _, ...unknown } = peer();
    const data = programData({ peers: [unknown], enrolments: [enrolment({ enrolledOn: '2026-01-31' })] });
    const r = enrolmentRule(data, RULE, '2026-02-01');
    expect(r.status).toBe('pass');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'enrolment-prerequisites.age-unknown',
        severity: 'info',
        message: 'Neither a date of birth nor an age band is recorded, so age cannot be checked.',
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'peers[0]',
        source: srpRecoveryConnect.rules[RULE].source,
        expected: { ageKnown: true },
        found: { ageKnown: false },
        params: {},
      },
    ]);
  });

  it('never echoes the birth date', () => {
    const ev = evalEnrolment(
      programData({ peers: [born('2008-02-29')], enrolments: [enrolment({ enrolledOn: '2026-02-28' })] }),
      '2026-03-01',
    );
    expect(codesOf(ev)).toContain('enrolment-prerequisites.age-outside-range');
    expect(JSON.stringify(ev)).not.toContain('2008');
  });
});
