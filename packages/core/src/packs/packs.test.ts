import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  builtInPacks,
  derivePack,
  getBuiltInPack,
  illustrativeSixMonthReview,
  parseRulePack,
  prssServiceDefinition,
  srpRecoveryConnect,
} from './builtin';
import { packsToMarkdown } from './markdown';
import { RULE_IDS, RulePack } from './schema';
import { formatSource, SOURCE_DOCUMENTS, type SourceRef } from './sources';

function* sourcesOf(pack: RulePack): Generator<[string, SourceRef]> {
  yield ['dueSoonDays', pack.dueSoonDays.source];
  for (const id of RULE_IDS) {
    const rule = pack.rules[id] as unknown as Record<string, { source?: SourceRef }> & { source: SourceRef };
    yield [id, rule.source];
    for (const [key, v] of Object.entries(rule))
      if (v && typeof v === 'object' && 'source' in v && v.source) yield [`${id}.${key}`, v.source];
  }
}

describe('built-in packs', () => {
  it('are exactly the packs recorded before their values moved into the rule folders (values, sources, key order)', () => {
    const recorded = readFileSync(new URL('../../test-fixtures/builtin-packs.json', import.meta.url), 'utf8');
    expect(JSON.parse(JSON.stringify(builtInPacks))).toEqual(JSON.parse(recorded));
    // the same keys in the same order (docs/packs.md lists parameters in this order)
    expect(JSON.stringify(builtInPacks)).toBe(JSON.stringify(JSON.parse(recorded)));
    expect(Object.values(builtInPacks)).toEqual([
      srpRecoveryConnect,
      prssServiceDefinition,
      illustrativeSixMonthReview,
    ]);
  });

  it.each(Object.values(builtInPacks))('$id is a valid pack and survives JSON', (pack) => {
    const r = parseRulePack(JSON.parse(JSON.stringify(pack)));
    expect(r.success).toBe(true);
    if (r.success) expect(r.data).toEqual(pack);
  });
  it.each(Object.values(builtInPacks))(
    '$id cites a known document with a section for every rule and parameter',
    (pack) => {
      for (const [where, source] of sourcesOf(pack)) {
        expect(Object.keys(SOURCE_DOCUMENTS), where).toContain(source.document);
        expect(source.section.length, where).toBeGreaterThan(0);
        expect(source.quote.length, where).toBeLessThanOrEqual(120);
      }
    },
  );
  it('quote the Recovery Connect numbers from their source', () => {
    const r = srpRecoveryConnect.rules;
    expect(r['first-action-plan'].minGoals).toMatchObject({
      value: 3,
      source: { quote: 'at least three goals/objectives' },
    });
    expect(r['plan-revision'].intervalMonths).toMatchObject({
      value: 3,
      source: { quote: 'revised every three months' },
    });
    expect(r['coach-eligibility'].minRecoveryYears).toMatchObject({
      value: 2,
      source: { quote: 'min 2 years' },
    });
    expect(r['reply-timeliness']).toMatchObject({ severity: 'warning', businessDays: { value: 1 } });
    expect(r['coach-commitment'].termMonths.value).toBe(12);
  });
  it('vary as documented', () => {
    expect(getBuiltInPack('pa-six-month-review')?.rules['plan-revision'].intervalMonths.value).toBe(6);
    expect(getBuiltInPack('prss-service-definition')?.rules['reply-timeliness'].severity).toBe('off');
    expect(getBuiltInPack('toString')).toBeUndefined();
  });
  it('derivePack does not modify its base', () => {
    const before = JSON.stringify(srpRecoveryConnect);
    const d = derivePack(srpRecoveryConnect, { id: 'x' }, { documentation: { severity: 'off' } });
    expect(d.rules.documentation.severity).toBe('off');
    expect(JSON.stringify(srpRecoveryConnect)).toBe(before);
  });
  it('formats a citation with title, section and quote', () => {
    expect(
      formatSource({
        document: 'srp-guidelines',
        section: 'Peer-Mentor Responsibilities, item 2',
        quote: 'within one month',
      }),
    ).toBe(
      'Recovery Connect Peer Recovery Coaching Program guidelines (Solano Recovery Project), Peer-Mentor Responsibilities, item 2: "within one month"',
    );
  });
});

describe('parseRulePack', () => {
  it('names the field of a bad parameter', () => {
    const bad = JSON.parse(JSON.stringify(srpRecoveryConnect));
    bad.rules['plan-revision'].intervalMonths.value = 0;
    bad.rules['reply-timeliness'].severity = 'loud';
    const r = parseRulePack(bad);
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.issues.map((i) => [i.pointer, i.code])).toEqual([
        ['rules.plan-revision.intervalMonths.value', 'too-small'],
        ['rules.reply-timeliness.severity', 'invalid-code'],
      ]);
  });
  it('rejects a reversed youth age range', () => {
    const bad = JSON.parse(JSON.stringify(srpRecoveryConnect));
    bad.rules['enrolment-prerequisites'].youthAgeRange.value = { min: 25, max: 16 };
    const r = parseRulePack(bad);
    expect(!r.success && r.issues[0]?.code).toBe('period-reversed');
  });
  test.prop([fc.anything()])('never throws', (value) => {
    expect(() => parseRulePack(value)).not.toThrow();
  });
  test.prop([fc.integer({ min: 1, max: 24 }), fc.constantFrom('off', 'warning', 'error')])(
    'accepts any valid interval and severity',
    (months, severity) => {
      const pack = derivePack(
        srpRecoveryConnect,
        {},
        {
          'plan-revision': {
            severity: severity as 'off',
            intervalMonths: {
              value: months,
              source: { document: 'program-choice', section: 's', quote: '' },
            },
          },
        },
      );
      expect(RulePack.safeParse(pack).success).toBe(true);
    },
  );
});

describe('docs/packs.md', () => {
  it('is the current rendering of the built-in packs', () => {
    const file = new URL('../../../../docs/packs.md', import.meta.url);
    expect(readFileSync(file, 'utf8')).toBe(packsToMarkdown(Object.values(builtInPacks)));
  });
});

describe('the illustrative six-month variant', () => {
  it('is labelled as an example, not a state rule, and is still found under its former id', () => {
    const pack = getBuiltInPack('illustrative-six-month-review');
    expect(pack?.name).toContain('illustrative');
    expect(pack?.rules['plan-revision'].intervalMonths.source.document).toBe('illustrative-example');
    expect(pack?.rules['in-person-contact'].startPeriod.source.document).toBe('illustrative-example');
    expect(getBuiltInPack('pa-six-month-review')).toBe(pack);
    expect(JSON.stringify(pack)).not.toMatch(/pennsylvania/i);
  });

  it('cites no built-in pack quote longer than 12 words', () => {
    for (const pack of Object.values(builtInPacks)) {
      const quotes: string[] = [];
      const walk = (v: unknown) => {
        if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          if (typeof o.quote === 'string') quotes.push(o.quote);
          for (const x of Object.values(o)) walk(x);
        }
      };
      walk(pack);
      for (const q of quotes)
        expect(q.split(/\s+/).filter((w) => w !== '...').length, q).toBeLessThanOrEqual(12);
    }
  });
});
