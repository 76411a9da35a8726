import { RULE_IDS, type RulePack } from './schema';
import { formatSource, type SourceRef } from './sources';

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const cell = (s: string) => s.replaceAll('|', '\\|');

/**
 * Renders rule packs as a Markdown reference: for each pack, each rule's severity and source, then each parameter
 * with its value and source. The project's `docs/packs.md` is this output (a test keeps it current).
 *
 * @example
 * const md = packsToMarkdown(Object.values(builtInPacks));
 * md.startsWith('# Rule packs'); // true
 */
export function packsToMarkdown(packs: readonly RulePack[]): string {
  const out: string[] = [
    '# Rule packs',
    '',
    'A rule pack is the set of rules in force for one program or state, as data: every rule has a severity',
    '(`off`, `warning`, `error`) and a source, and every number is quoted from its source. Load your own with',
    '`parseRulePack`, or derive one from a built-in pack with `derivePack`. This page is generated from the built-in',
    'packs (`packsToMarkdown`); a test fails when it is out of date.',
    '',
  ];
  for (const pack of packs) {
    out.push(`## \`${pack.id}\` (${pack.version}): ${pack.name}`, '', pack.description, '');
    out.push(
      `Due-soon window: ${pack.dueSoonDays.value} days (${formatSource(pack.dueSoonDays.source)}).`,
      '',
      pack.holdsPause === undefined
        ? 'Holds pause: `in-person-contact` (not set: the default).'
        : `Holds pause: ${pack.holdsPause.value.map((r) => `\`${r}\``).join(', ') || 'nothing'} (${formatSource(pack.holdsPause.source)}).`,
      '',
    );
    out.push('| rule | severity | parameter | value | source |', '| --- | --- | --- | --- | --- |');
    for (const ruleId of RULE_IDS) {
      const rule = pack.rules[ruleId] as unknown as Record<string, unknown> & {
        severity: string;
        source: SourceRef;
      };
      out.push(`| \`${ruleId}\` | ${rule.severity} | (rule) | | ${cell(formatSource(rule.source))} |`);
      for (const [key, value] of Object.entries(rule)) {
        if (key === 'severity' || key === 'source') continue;
        const p = value as { value: unknown; source: SourceRef };
        out.push(`| | | \`${key}\` | \`${cell(show(p.value))}\` | ${cell(formatSource(p.source))} |`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}
