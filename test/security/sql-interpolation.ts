/**
 * Finds every place in harness/src where SQL text is built with interpolation: template literals
 * with `${…}` (or `+` concatenation) whose text reads like SQL. The test next to this file checks
 * each one against a reviewed allow-list, so a new interpolation into SQL fails until reviewed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One interpolation into SQL text. */
export interface SqlInterpolation {
  /** Path relative to harness/src. */
  file: string;
  line: number;
  /** The interpolated expression, as written. */
  expression: string;
}

const SQL =
  /\b(SELECT|INSERT\s+INTO|WHERE|FROM|CREATE\s+TABLE|ALTER\s+TABLE|DROP\s+TABLE|RENAME\s+TABLE|SETTINGS|GROUP\s+BY|ORDER\s+BY)\b/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const isPlus = (n: ts.Node | undefined): n is ts.BinaryExpression =>
  n !== undefined && ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken;

/** Every SQL interpolation under `root` (default harness/src). */
export function findSqlInterpolations(root: string): SqlInterpolation[] {
  const found: SqlInterpolation[] = [];
  for (const file of files(root)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const rel = path.relative(root, file).split(path.sep).join('/');
    const add = (node: ts.Node, expr: ts.Node) =>
      found.push({
        file: rel,
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        expression: expr.getText(source),
      });
    const visit = (node: ts.Node) => {
      if (ts.isTemplateExpression(node)) {
        // A template that is one piece of `'…' + `…`` counts as SQL when the whole chain reads like SQL.
        let chain: ts.Node = node;
        while (isPlus(chain.parent)) chain = chain.parent;
        const text =
          chain === node
            ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ')
            : chain.getText(source);
        if (SQL.test(text)) for (const span of node.templateSpans) add(span, span.expression);
      } else if (isPlus(node)) {
        const sides = [node.left, node.right];
        const literal = sides.find((s) => ts.isStringLiteralLike(s) && SQL.test(s.text));
        const other = sides.find((s) => !ts.isStringLiteralLike(s) && !ts.isTemplateExpression(s));
        if (literal && other) add(node, other);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
