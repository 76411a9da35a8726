import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { RULE_IDS, type RuleId, RuleSettings } from '../packs/schema';
import { FINDING_CODES } from './messages';

const RULES_MD = readFileSync(fileURLToPath(new URL('../../../../docs/rules.md', import.meta.url)), 'utf8');

/** The parameters of a rule's settings schema (its keys other than `severity` and `source`). */
function parametersOf(id: RuleId): string[] {
  const settings = RuleSettings.shape[id];
  const schema = settings instanceof z.ZodDefault ? settings.unwrap() : settings;
  if (!(schema instanceof z.ZodObject)) throw new Error(`${id}: settings are not an object schema`);
  return Object.keys(schema.shape).filter((k) => k !== 'severity' && k !== 'source');
}

interface Section {
  readonly id: string;
  /** First-column names of the section's parameter table (the table whose header starts with `parameter`). */
  readonly parameters: string[];
  /** First-column names of the section's finding-code table (the table whose header starts with `code`). */
  readonly codes: string[];
}

/** The `### N. \`rule-id\`: ...` sections under `## The rules`, with the names in their tables' first column. */
function ruleSections(md: string): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  let table: 'parameter' | 'code' | 'other' | undefined;
  let inRules = false;
  for (const line of md.split('\n')) {
    if (line.startsWith('## ')) {
      inRules = line === '## The rules';
      current = undefined;
      continue;
    }
    const heading = /^### \d+\. `([^`]+)`/.exec(line);
    if (line.startsWith('### ')) {
      current = heading && inRules ? { id: heading[1] as string, parameters: [], codes: [] } : undefined;
      if (current) sections.push(current);
      continue;
    }
    if (!current) continue;
    if (!line.startsWith('|')) {
      table = undefined;
      continue;
    }
    const first = (line.split('|')[1] ?? '').trim();
    if (table === undefined) {
      table = first === 'parameter' ? 'parameter' : first === 'code' ? 'code' : 'other';
      continue;
    }
    const name = /^`([^`]+)`$/.exec(first)?.[1];
    if (name === undefined || table === 'other') continue;
    (table === 'parameter' ? current.parameters : current.codes).push(name);
  }
  return sections;
}

const sections = ruleSections(RULES_MD);

describe('docs/rules.md agrees with the code', () => {
  it('has one section per rule, in the order of RULE_IDS', () => {
    expect(sections.map((s) => s.id)).toEqual([...RULE_IDS]);
  });

  it.each(RULE_IDS)('documents exactly the parameters of %s in its parameter table', (id) => {
    const section = sections.find((s) => s.id === id);
    expect(section?.parameters.sort()).toEqual(parametersOf(id).sort());
  });

  it.each(RULE_IDS)('documents exactly the finding codes of %s in its code table', (id) => {
    const section = sections.find((s) => s.id === id);
    expect(section?.codes.sort()).toEqual(FINDING_CODES.filter((c) => c.startsWith(`${id}.`)).sort());
  });

  it('names no finding code that does not exist', () => {
    const pattern = new RegExp(`\`((?:${RULE_IDS.join('|')})\\.[a-z][a-z-]*)\``, 'g');
    const named = [...RULES_MD.matchAll(pattern)].map((m) => m[1] as string);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((c) => !(FINDING_CODES as readonly string[]).includes(c))).toEqual([]);
  });
});
