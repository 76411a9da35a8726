import { builtInPacks, formatSource, RULE_IDS, type RulePack } from '@peer-recovery/core';
import { CliError } from '../errors';
import { table } from '../style';

/**
 * Lists the built-in rule packs.
 *
 * @example
 * console.log(listPacks());
 */
export function listPacks(): string {
  return `${table(
    ['id', 'version', 'name'],
    Object.values(builtInPacks).map((p) => [p.id, p.version, p.name]),
  )}\n`;
}

/**
 * Shows one pack: each rule's severity and parameters with their sources.
 *
 * @example
 * console.log(showPack('srp-recovery-connect'));
 */
export function showPack(id: string, pack: RulePack | undefined = builtInPacks[id]): string {
  if (!pack) throw new CliError(`packs show: no built-in pack "${id.replace(/[^\w.-]/g, '?').slice(0, 64)}"`);
  const out = [`${pack.name} (${pack.id} ${pack.version})`, pack.description, ''];
  for (const ruleId of RULE_IDS) {
    const rule = pack.rules[ruleId] as unknown as Record<string, unknown> & {
      severity: string;
      source: never;
    };
    out.push(`${ruleId}  [${rule.severity}]  ${formatSource(rule.source)}`);
    for (const [key, value] of Object.entries(rule)) {
      if (key === 'severity' || key === 'source') continue;
      const p = value as { value: unknown; source: Parameters<typeof formatSource>[0] };
      out.push(`  ${key} = ${JSON.stringify(p.value)}   (${formatSource(p.source)})`);
    }
  }
  return `${out.join('\n')}\n`;
}
