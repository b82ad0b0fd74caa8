/**
 * The typed data a playbook or inventory is built from, and its serialization with the `yaml`
 * package (eemeli/yaml), which owns all quoting: nothing is concatenated into YAML text.
 *
 * Two markers beyond plain data:
 * - `Unsafe`: a string emitted with Ansible's `!unsafe` tag, which Ansible never templates. Every
 *   embedded PowerShell script and every value the user typed (admin addresses) is one, so a `{{`
 *   in them stays text instead of becoming a Jinja expression run on the controller.
 * - `Commented`: a value with a comment line (or lines) written above it.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, parse, type Node, type Tags } from 'yaml';

export class Unsafe {
  constructor(readonly text: string) {}
}

export class Commented {
  constructor(
    readonly comment: string,
    readonly value: YamlData,
  ) {}
}

export type YamlData = string | number | boolean | null | Unsafe | Commented | YamlData[] | { [key: string]: YamlData };

export const unsafe = (text: string): Unsafe => new Unsafe(text);
export const commented = (comment: string, value: YamlData): Commented => new Commented(comment, value);

/** Comment text as the yaml package wants it: each line starts with a space after the `#`. */
function commentText(comment: string): string {
  return comment
    .split('\n')
    .map((line) => (line ? ` ${line}` : ''))
    .join('\n');
}

function toNode(value: YamlData): Node {
  if (value instanceof Commented) {
    const node = toNode(value.value);
    node.commentBefore = commentText(value.comment);
    return node;
  }
  if (value instanceof Unsafe) {
    const scalar = new Scalar(value.text);
    scalar.tag = '!unsafe';
    scalar.type = value.text.includes('\n') ? 'BLOCK_LITERAL' : 'QUOTE_SINGLE';
    return scalar;
  }
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    for (const item of value) seq.items.push(toNode(item));
    return seq;
  }
  if (value !== null && typeof value === 'object') {
    const map = new YAMLMap();
    for (const [key, item] of Object.entries(value)) {
      const keyNode = new Scalar(key);
      if (item instanceof Commented) {
        keyNode.commentBefore = commentText(item.comment);
        map.items.push(new Pair(keyNode, toNode(item.value)));
      } else {
        map.items.push(new Pair(keyNode, toNode(item)));
      }
    }
    return map;
  }
  return new Scalar(value);
}

/** A YAML document: a header comment, then the data. Lines are never folded. */
export function toYaml(data: YamlData, header: string): string {
  const doc = new Document();
  doc.contents = toNode(data) as Document['contents'];
  doc.commentBefore = commentText(header);
  if (doc.directives) doc.directives.docStart = true;
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

/** Ansible's `!unsafe` tag for yaml.parse: the tagged text as a plain string. */
export const ANSIBLE_TAGS: Tags = [{ tag: '!unsafe', resolve: (text: string) => text }];

/** Parses a playbook or inventory back (tests, and a self-check of every rendered file). */
export function parseYaml(text: string): unknown {
  return parse(text, { customTags: ANSIBLE_TAGS });
}
