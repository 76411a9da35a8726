import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliReferenceMarkdown } from './reference';

describe('docs/cli.md', () => {
  it('is the current help of every command (regenerate with `pnpm docs:cli`)', () => {
    const file = new URL('../../../docs/cli.md', import.meta.url);
    expect(readFileSync(file, 'utf8')).toBe(cliReferenceMarkdown());
  });
  it('documents every command with an example', () => {
    const md = cliReferenceMarkdown();
    const sections = md.split('\n## ').slice(1);
    const leaves = sections.filter(
      (s) => !s.startsWith('`peer-recovery`') && !s.startsWith('`peer-recovery packs`'),
    );
    expect(leaves.length).toBeGreaterThanOrEqual(11);
    for (const section of leaves)
      expect(section, section.split('\n')[0]).toMatch(/Examples?:\n\s+\$ peer-recovery /);
  });
});
