/**
 * Test helper: parses PowerShell with tree-sitter-powershell (web-tree-sitter, WASM) and reports
 * ERROR / MISSING nodes, statement counts and a structure fingerprint with string contents masked.
 */
import { fileURLToPath } from 'node:url';
import { Language, Parser, type Node } from 'web-tree-sitter';

let parserPromise: Promise<Parser> | undefined;

export function getParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const wasm = fileURLToPath(new URL('../../../node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm', import.meta.url));
    const language = await Language.load(wasm);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

export interface ParseReport {
  errors: string[];
  topLevelStatements: number;
  totalStatements: number;
  /** Node types in document order, string literal contents and comments left out. */
  structure: string;
}

const STRING_TYPES = new Set(['string_literal', 'expandable_string_literal', 'verbatim_string_characters', 'expandable_here_string_literal', 'verbatim_here_string_characters']);

export async function parsePowerShell(source: string): Promise<ParseReport> {
  const parser = await getParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  const errors: string[] = [];
  const types: string[] = [];
  let totalStatements = 0;
  const walk = (node: Node) => {
    if (node.type === 'ERROR' || node.isMissing) {
      errors.push(`${node.isMissing ? 'MISSING' : 'ERROR'} ${node.type} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${JSON.stringify(node.text.slice(0, 80))}`);
    }
    if (node.type === 'comment') return;
    if (node.isNamed) types.push(node.type);
    if (node.parent?.type === 'statement_list') totalStatements += 1;
    if (STRING_TYPES.has(node.type)) return;
    for (const child of node.children) if (child) walk(child);
  };
  walk(tree.rootNode);
  if (tree.rootNode.hasError && errors.length === 0) errors.push('hasError without an ERROR node');
  const topList = tree.rootNode.namedChildren.find((c) => c?.type === 'statement_list');
  const topLevelStatements = topList ? topList.namedChildren.length : 0;
  tree.delete();
  return { errors, topLevelStatements, totalStatements, structure: types.join(' ') };
}
