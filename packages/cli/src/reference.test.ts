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
    for (const command of ['check', 'packs', 'generate', 'demo', 'validate-outcomes', 'summarize-outcomes'])
      expect(md).toContain(`## \`peer-recovery ${command}\``);
  });
});
