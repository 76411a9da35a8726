import { writeFileSync } from 'node:fs';
import { cliReferenceMarkdown } from '../packages/cli/src/reference';

writeFileSync('docs/cli.md', cliReferenceMarkdown());
