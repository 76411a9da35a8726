import { writeFileSync } from 'node:fs';
import { builtInPacks, packsToMarkdown } from '../packages/core/src/index';

writeFileSync('docs/packs.md', packsToMarkdown(Object.values(builtInPacks)));
