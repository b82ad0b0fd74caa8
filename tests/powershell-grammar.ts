// Parses PowerShell with the tree-sitter-powershell grammar (WebAssembly build, no native addon)
// and reports every ERROR or MISSING node, with its line, so a failing test says where.
import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let parserPromise: Promise<Parser> | undefined;

function parser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
    const p = new Parser();
    p.setLanguage(language);
    return p;
  })();
  return parserPromise;
}

export async function powershellSyntaxErrors(source: string): Promise<string[]> {
  const tree = (await parser()).parse(source);
  if (!tree) return ['the parser returned no tree'];
  const errors: string[] = [];
  const visit = (node: Node) => {
    if (node.isError || node.isMissing) {
      errors.push(`line ${node.startPosition.row + 1}: ${node.isMissing ? 'missing' : 'unexpected'} ${JSON.stringify(node.text.slice(0, 60))}`);
      return;
    }
    if (node.hasError) for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  tree.delete();
  return errors;
}
