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

export interface CollectedTopic extends TopicMeta {
  file: string;
  text: string;
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
  const codeText = tree.children.filter((n) => n.type === 'code').map((n) => (n.type === 'code' ? n.value : '')).join('\n');
  return {
    ...parsed.data,
    slug: basename(file, '.mdx'),
    file,
    headings,
    words: (proseText.match(/[A-Za-z0-9'$-]+/g) ?? []).length,
    text: `${proseText}\n${codeText}`,
  };
}

export function collectTopics(dir: string): CollectedTopic[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.mdx'));
  const topics = files.map((f) => collectTopic(join(dir, f)));
  const sectionIndex = (s: string) => SECTIONS.indexOf(s as (typeof SECTIONS)[number]);
  return topics.sort((a, b) => sectionIndex(a.section) - sectionIndex(b.section) || a.order - b.order);
}
