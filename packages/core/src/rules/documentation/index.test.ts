import { describe, expect, it } from 'vitest';
import type { Contact } from '../../model/domain';
import { prssServiceDefinition, srpRecoveryConnect } from '../../packs/builtin';
import { contact, enrolment, programData } from '../../testing/builders';
import { enrolmentRule, evalEnrolment, packWith } from '../rules.test-support';

const RULE = 'documentation';
const notes = (contacts: Contact[], asOf = '2026-06-01', pack = srpRecoveryConnect) =>
  enrolmentRule(
    programData({ enrolments: [enrolment({ enrolledOn: '2026-01-31' })], contacts }),
    RULE,
    asOf,
    {
      pack,
    },
  );
const withoutNote = (id: string, start: string, over: Partial<Contact> = {}) =>
  contact({ id, start, progressNote: false, ...over });

describe('documentation: a progress note per contact', () => {
  it('passes when every contact has a progress note', () => {
    expect(notes([contact({ id: 'c1', start: '2026-02-05T10:00:00-08:00' })])).toMatchObject({
      status: 'pass',
      findings: [],
      obligations: [],
    });
  });

  it('reports a contact without a note, as a warning under the Recovery Connect pack', () => {
    const r = notes([
      contact({ id: 'c0', start: '2026-02-05T10:00:00-08:00' }),
      withoutNote('c1', '2026-02-10T15:00:00-08:00', { mode: 'phone', location: 'remote' }),
    ]);
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      {
        ruleId: RULE,
        code: 'documentation.progress-note-missing',
        severity: 'warning',
        message: 'Contact on 2026-02-10 has no progress note.',
        subject: { type: 'enrolment', id: 'enr-1' },
        path: 'contacts[1].progressNote',
        source: {
          document: 'prss-service-definition',
          section: 'Documentation Requirements',
          quote: 'and progress notes',
        },
        expected: { progressNote: true },
        found: { progressNote: false },
        params: { on: '2026-02-10', contactId: 'c1' },
      },
    ]);
  });

  it('is an error under the service definition pack', () => {
    const r = notes([withoutNote('c1', '2026-02-10T15:00:00-08:00')], '2026-06-01', prssServiceDefinition);
    expect(r.findings.map((f) => f.severity)).toEqual(['error']);
  });

  it('is not applicable when the pack does not ask for notes, or without contacts', () => {
    const pack = packWith(RULE, {
      progressNotePerContact: { value: false, source: srpRecoveryConnect.rules[RULE].source },
    });
    expect(notes([withoutNote('c1', '2026-02-10T15:00:00-08:00')], '2026-06-01', pack)).toMatchObject({
      status: 'not-applicable',
      findings: [],
    });
    expect(notes([]).status).toBe('not-applicable');
  });

  it('ignores contacts after asOf or not yet recorded', () => {
    const r = notes(
      [
        withoutNote('c1', '2026-06-02T10:00:00-07:00'),
        withoutNote('c2', '2026-05-30T10:00:00-07:00', { recordedAt: '2026-06-03T10:00:00-07:00' }),
      ],
      '2026-06-01',
    );
    expect(r.status).toBe('not-applicable');
    expect(
      notes(
        [withoutNote('c2', '2026-05-30T10:00:00-07:00', { recordedAt: '2026-06-03T10:00:00-07:00' })],
        '2026-06-03',
      ).findings,
    ).toHaveLength(1);
  });

  it('never echoes the note text, and renders a replacement message catalogue', () => {
    const data = programData({
      enrolments: [enrolment({ enrolledOn: '2026-01-31' })],
      contacts: [
        contact({ id: 'c0', start: '2026-02-05T10:00:00-08:00', note: 'Talked about my sister Rosalind' }),
        withoutNote('c1', '2026-02-10T15:00:00-08:00'),
      ],
    });
    const ev = evalEnrolment(data, '2026-06-01', {
      messages: {
        'documentation.progress-note-missing': 'Kontakt {contactId} am {on}: keine Verlaufsnotiz.',
      },
    });
    const f = ev.findings.find((x) => x.ruleId === RULE);
    expect(f).toMatchObject({
      code: 'documentation.progress-note-missing',
      message: 'Kontakt c1 am 2026-02-10: keine Verlaufsnotiz.',
    });
    expect(JSON.stringify(ev)).not.toContain('Rosalind');
  });
});
