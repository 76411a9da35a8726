import * as z from 'zod';

/**
 * The source documents the built-in rule packs cite, by key, with the title to show users.
 *
 * @example
 * SOURCE_DOCUMENTS['srp-guidelines'].title;
 * // 'Recovery Connect Peer Recovery Coaching Program guidelines (Solano Recovery Project)'
 */
export const SOURCE_DOCUMENTS = {
  'srp-guidelines': {
    title: 'Recovery Connect Peer Recovery Coaching Program guidelines (Solano Recovery Project)',
  },
  'prss-service-definition': {
    title: 'Recovery Support Services: Peer Recovery Support Coaching service definition',
  },
  'what-is-recovery-coaching': { title: 'What Is Recovery Coaching?' },
  'coach-vs-sponsor': { title: 'Peer recovery coaching vs. a recovery sponsor (The Recovery Village)' },
  'program-choice': { title: 'Program choice (no number in the sources; set by the program)' },
  'illustrative-example': {
    title: 'Illustrative example (a number chosen to show how packs vary; not any program or state rule)',
  },
} as const;
/** Key of a built-in source document (see {@link SOURCE_DOCUMENTS}). */
export type SourceDocumentKey = keyof typeof SOURCE_DOCUMENTS;

/**
 * Where a rule or a parameter comes from: a document (a built-in key, or a program's own with a `title`), the item or
 * section, and the few decisive words quoted.
 *
 * @example
 * SourceRef.parse({ document: 'srp-guidelines', section: 'Peer-Mentor Responsibilities, item 2', quote: 'within one month' });
 */
export const SourceRef = z.strictObject({
  document: z.string().min(1).max(100),
  title: z.string().min(1).max(300).optional(),
  section: z.string().min(1).max(300),
  quote: z.string().max(300),
});
/** A citation of a source (see {@link SourceRef}). */
export type SourceRef = z.infer<typeof SourceRef>;

/**
 * The title of a cited document: the built-in title for a known key, else the ref's own `title`, else its key.
 *
 * @example
 * sourceTitle({ document: 'srp-guidelines', section: 'item 2', quote: 'within one month' });
 */
export function sourceTitle(ref: SourceRef): string {
  const known = (SOURCE_DOCUMENTS as Record<string, { title: string }>)[ref.document];
  return known?.title ?? ref.title ?? ref.document;
}

/**
 * Formats a citation for people: title, section and the quoted words.
 *
 * @example
 * formatSource({ document: 'srp-guidelines', section: 'Peer-Mentor Responsibilities, item 2', quote: 'within one month' });
 * // 'Recovery Connect ... guidelines (Solano Recovery Project), Peer-Mentor Responsibilities, item 2: "within one month"'
 */
export function formatSource(ref: SourceRef): string {
  const quote = ref.quote === '' ? '' : `: "${ref.quote}"`;
  return `${sourceTitle(ref)}, ${ref.section}${quote}`;
}
