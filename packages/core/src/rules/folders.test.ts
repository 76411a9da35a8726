import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseProgramData } from '../model/parse';
import {
  derivePack,
  illustrativeSixMonthReview,
  prssServiceDefinition,
  srpRecoveryConnect,
} from '../packs/builtin';
import { RULE_IDS, type RulePack, RuleSettings } from '../packs/schema';
import { evaluateProgram } from './evaluate';
import { DEFAULT_MESSAGES, FINDING_CODES } from './messages';

const RULES_DIR = fileURLToPath(new URL('./', import.meta.url));

/** A rule folder's own module (`messages`, `settings`, `packs`), loaded by rule id. */
async function folderModule(id: string, name: string): Promise<Record<string, unknown>> {
  return import(`./${id}/${name}.ts`);
}

describe('rule folders', () => {
  it('are exactly the rules of the packs', () => {
    const folders = readdirSync(RULES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.sort()).toEqual([...RULE_IDS].sort());
  });

  it('each own their finding codes, all named `<rule-id>.<what>`, and DEFAULT_MESSAGES is their union in rule order', async () => {
    const assembled: [string, unknown][] = [];
    for (const id of RULE_IDS) {
      const messages = (await folderModule(id, 'messages')).MESSAGES as Record<string, string>;
      const codes = Object.keys(messages);
      expect(codes.length, id).toBeGreaterThan(0);
      for (const code of codes) expect(code).toMatch(new RegExp(`^${id}\\.[a-z][a-z-]*$`));
      assembled.push(...Object.entries(messages));
    }
    expect(Object.entries(DEFAULT_MESSAGES)).toEqual(assembled);
    expect(FINDING_CODES).toEqual(assembled.map(([code]) => code));
  });

  it('each own their settings schema, and RuleSettings is assembled from them (one key per rule, nothing else)', async () => {
    expect(Object.keys(RuleSettings.shape)).toEqual([...RULE_IDS]);
    for (const id of RULE_IDS) {
      expect(RuleSettings.shape[id], id).toBe((await folderModule(id, 'settings')).SETTINGS);
    }
  });

  it('each own their values in the built-in packs, and the packs are assembled from them', async () => {
    const serviceDefinition: Record<string, unknown> = {};
    const illustrative: Record<string, unknown> = {};
    for (const id of RULE_IDS) {
      const packs = await folderModule(id, 'packs');
      // no import cycle: a folder's values import only the shared helpers, never the assembled packs or schema
      const text = readFileSync(new URL(`./${id}/packs.ts`, import.meta.url), 'utf8');
      expect(text, id).not.toMatch(/from '\.\.\/\.\.\/packs\/(builtin|schema|index)'/);
      expect(srpRecoveryConnect.rules[id], id).toBe(packs.RECOVERY_CONNECT);
      expect(RuleSettings.shape[id].safeParse(packs.RECOVERY_CONNECT).success, id).toBe(true);
      expect(
        Object.keys(packs).every((k) =>
          ['RECOVERY_CONNECT', 'SERVICE_DEFINITION', 'ILLUSTRATIVE'].includes(k),
        ),
        id,
      ).toBe(true);
      if (packs.SERVICE_DEFINITION) serviceDefinition[id] = packs.SERVICE_DEFINITION;
      if (packs.ILLUSTRATIVE) illustrative[id] = packs.ILLUSTRATIVE;
    }
    expect(derivePack(srpRecoveryConnect, {}, serviceDefinition).rules).toEqual(prssServiceDefinition.rules);
    expect(derivePack(srpRecoveryConnect, {}, illustrative).rules).toEqual(illustrativeSixMonthReview.rules);
    // a rule a derived pack does not change is Recovery Connect's own
    expect(illustrativeSixMonthReview.rules['crisis-follow-up']).toBe(
      srpRecoveryConnect.rules['crisis-follow-up'],
    );
  });

  it('are each evaluated: with every rule on, the sample program has a result of every rule (the registry misses none)', () => {
    const sample = JSON.parse(
      readFileSync(new URL('../../../../examples/sample-program/program.json', import.meta.url), 'utf8'),
    );
    const data = parseProgramData(sample);
    if (!data.success) throw new Error('sample program invalid');
    const allOn: RulePack = {
      ...srpRecoveryConnect,
      rules: Object.fromEntries(
        Object.entries(srpRecoveryConnect.rules).map(([id, settings]) => [
          id,
          { ...settings, severity: 'warning' },
        ]),
      ) as RulePack['rules'],
    };
    const ev = evaluateProgram(data.data, { asOf: '2026-11-20', pack: allOn });
    if (!ev.success) throw new Error('sample evaluation failed');
    const seen = new Set(
      [...ev.data.enrolments, ...ev.data.coaches].flatMap((e) => e.results.map((r) => r.ruleId)),
    );
    expect([...seen].sort()).toEqual([...RULE_IDS].sort());
  });
});
