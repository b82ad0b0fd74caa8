import { z } from 'zod';

import { SECTIONS } from './sections.ts';

export { SECTIONS };

/** A source is a full https URL or a repository path written `owner/repo: path`. */
const source = z
  .string()
  .refine(
    (s) => /^https:\/\/[^\s]+$/.test(s) || /^[\w.-]+\/[\w.-]+: \S.*$/.test(s),
    'a source must be an https URL or "owner/repo: path"',
  );

export const frontmatterSchema = z
  .object({
    title: z.string().min(3).max(70),
    description: z.string().min(50).max(200),
    section: z.enum(SECTIONS),
    order: z.number().int().positive(),
    sources: z.array(source).min(1),
    // YAML turns an unquoted date into a Date; accept both and normalise to YYYY-MM-DD.
    reviewed: z.union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).transform((d) =>
      typeof d === 'string' ? d : d.toISOString().slice(0, 10),
    ),
  })
  .strict();

export type Frontmatter = z.infer<typeof frontmatterSchema>;

export interface Heading {
  depth: 2 | 3;
  id: string;
  text: string;
}

/** What the site knows about a topic without loading its page. */
export interface TopicMeta extends Frontmatter {
  slug: string;
  headings: Heading[];
  words: number;
}
