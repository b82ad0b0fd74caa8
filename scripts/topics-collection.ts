// Reads content/*.mdx once: frontmatter (schema-checked), headings with the ids rehype-slug
// will give them, and plain text for the search index. Shared by the Vite plugin and the tests.
import { readFileSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parse as parseYaml } from 'yaml';
import type { Root } from 'mdast';
import { frontmatterSchema, SECTIONS, type Heading, type TopicMeta } from '../src/content/schema.ts';

/** A part of a topic under one h2 or h3 (or, with an empty anchor, the part before the first). */
export interface TopicSection {
  /** The heading's id (its #anchor on the page); '' for the introduction. */
  anchor: string;
  heading: string;
  /** Prose and code of the section (deeper headings included), whitespace collapsed. */
  text: string;
}

export interface CollectedTopic extends TopicMeta {
  file: string;
  text: string;
  sections: TopicSection[];
}

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

export function collectTopic(file: string): CollectedTopic {
  const source = readFileSync(file, 'utf8');
  const tree = parser.parse(source) as Root;
  const yamlNode = tree.children.find((n) => n.type === 'yaml');
  if (!yamlNode || yamlNode.type !== 'yaml') throw new Error(`${file}: missing frontmatter`);
  const parsed = frontmatterSchema.safeParse(parseYaml(yamlNode.value));
  if (!parsed.success) {
    throw new Error(`${file}: invalid frontmatter: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  const prose: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'heading') {
      const text = toString(node);
      const id = slugger.slug(text);
      if (node.depth === 2 || node.depth === 3) headings.push({ depth: node.depth, id, text });
    }
  });
  for (const node of tree.children) {
    if (node.type !== 'yaml' && node.type !== 'code') prose.push(toString(node));
  }
  const proseText = prose.join('\n');
  const sections = sectionsOf(tree, headings);
  const codeText = tree.children.filter((n) => n.type === 'code').map((n) => (n.type === 'code' ? n.value : '')).join('\n');
  return {
    ...parsed.data,
    slug: basename(file, '.mdx'),
    file,
    headings,
    words: (proseText.match(/[A-Za-z0-9'$-]+/g) ?? []).length,
    text: `${proseText}\n${codeText}`,
    sections,
  };
}

/** Containers whose children are separate texts: a table's cells must not run together ("= 0STIG"). */
const SPACED = new Set(['table', 'tableRow', 'tableCell', 'list', 'listItem', 'blockquote']);

/** A node's text, with a space between table cells, list items and paragraphs. */
function plainText(node: Root['children'][number]): string {
  if (SPACED.has(node.type) && 'children' in node) return node.children.map((c) => plainText(c as Root['children'][number])).join(' ');
  return toString(node);
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Splits the page at its h2 and h3 headings (all top-level in these files), in order, so search
 * can land on the section that matches. The ids are the ones `headings` got from the slugger.
 */
function sectionsOf(tree: Root, headings: Heading[]): TopicSection[] {
  const sections: TopicSection[] = [{ anchor: '', heading: '', text: '' }];
  const parts: string[][] = [[]];
  let next = 0;
  for (const node of tree.children) {
    if (node.type === 'yaml') continue;
    if (node.type === 'heading' && (node.depth === 2 || node.depth === 3)) {
      const h = headings[next++];
      if (!h) throw new Error('a heading the collection did not see');
      sections.push({ anchor: h.id, heading: h.text, text: '' });
      parts.push([]);
      continue;
    }
    parts.at(-1)!.push(node.type === 'code' ? node.value : plainText(node));
  }
  if (next !== headings.length) throw new Error('h2/h3 headings nested below the top level: sections would be wrong');
  return sections.map((s, i) => ({ ...s, text: collapse(parts[i]!.join(' ')) }));
}

export function collectTopics(dir: string): CollectedTopic[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.mdx'));
  const topics = files.map((f) => collectTopic(join(dir, f)));
  const sectionIndex = (s: string) => SECTIONS.indexOf(s as (typeof SECTIONS)[number]);
  return topics.sort((a, b) => sectionIndex(a.section) - sectionIndex(b.section) || a.order - b.order);
}
