import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProgramData } from '../model/parse';
import { RULE_IDS } from '../packs/schema';
import { evaluateProgram } from './evaluate';
import { RULE_ID } from './ids';

const PACKAGES = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' || d.name === 'dist' ? [] : sources(p);
    return /\.ts$/.test(d.name) && !/\.(test|bench)\.ts$|test-support\.ts$|testing/.test(p) ? [p] : [];
  });
}

describe('RULE_ID', () => {
  it('names every rule of the packs, once', () => {
    expect(Object.values(RULE_ID).sort()).toEqual([...RULE_IDS].sort());
  });

  it('is the only way code outside a rule folder and the packs names a rule (no rule id written out, no id parsed)', () => {
    const owned = /^core\/src\/(rules\/[a-z-]+\/|rules\/ids\.ts|packs\/)/;
    const literal = new RegExp(`['\`](${RULE_IDS.join('|')})[':]`);
    const offenders: string[] = [];
    for (const pkg of ['core', 'fhir', 'cli']) {
      for (const file of sources(join(PACKAGES, pkg, 'src'))) {
        const rel = relative(PACKAGES, file);
        if (owned.test(rel)) continue;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const code = line.trim();
            if (code.startsWith('*') || code.startsWith('//') || code.startsWith('/*')) return;
            // A pack's settings are typed by rule id: `pack.rules['coach-eligibility']` is checked by the compiler.
            if (literal.test(code.replace(/rules\['[a-z-]+'\]/g, ''))) offenders.push(`${rel}:${i + 1}`);
          });
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('obligation keys', () => {
  it('carry, as data, what each obligation id is made from (the sample program)', () => {
    const sample = JSON.parse(
      readFileSync(join(PACKAGES, '../examples/sample-program/program.json'), 'utf8'),
    );
    const data = parseProgramData(sample);
    if (!data.success) throw new Error('sample program invalid');
    const ev = evaluateProgram(data.data, { asOf: '2026-11-20' });
    if (!ev.success) throw new Error('sample evaluation failed');
    const all = [
      ...ev.data.enrolments.flatMap((e) => e.timeline),
      ...ev.data.coaches.flatMap((c) => c.nextActions),
    ];
    const expectedId = (o: (typeof all)[number]): string => {
      const k = o.key ?? {};
      if (k.month !== undefined) return `${o.ruleId}:${k.month}`;
      if (k.messageId !== undefined) return `${o.ruleId}:${k.messageId}`;
      if (k.planVersion !== undefined) return `${o.ruleId}:after-v${k.planVersion}`;
      if (k.coachId !== undefined) return `${o.ruleId}:reassign:${k.coachId}`;
      if (k.requirement !== undefined) return `${o.ruleId}:renew:${k.requirement}`;
      if (k.document !== undefined) return `${o.ruleId}:document:${k.document}`;
      return o.id;
    };
    const byRule = new Map<string, number>();
    for (const o of all) {
      expect(o.id).toBe(expectedId(o));
      if (o.key !== undefined) byRule.set(o.ruleId, (byRule.get(o.ruleId) ?? 0) + 1);
    }
    for (const rule of [
      RULE_ID.inPersonContact,
      RULE_ID.replyTimeliness,
      RULE_ID.planRevision,
      RULE_ID.enrolmentPrerequisites,
    ])
      expect(byRule.get(rule) ?? 0).toBeGreaterThan(0);
    expect(all.filter((o) => o.ruleId === RULE_ID.inPersonContact).every((o) => o.key?.month)).toBe(true);
  });
});
