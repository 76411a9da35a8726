/**
 * Runs the `@example` blocks of TSDoc comments as tests. A statement followed by a result comment on the same or
 * the next line (`expr; // 'peer-001'`, `expr; // { ok: true, ... }`) is checked: the result must equal the
 * comment's value, or contain it when the comment has `...` elements. A comment starting with `e.g.` is an
 * illustration and is not checked. Examples are TypeScript, transpiled with the `typescript` compiler before
 * running.
 *
 * For tests only; not exported from the package index.
 *
 * @module
 */
import ts from 'typescript';

/**
 * One `@example` block: the name of the export it documents, its code and its line in the source file.
 *
 * @example
 * const ex: DocExample = { name: 'Id', code: "Id.parse('peer-001'); // 'peer-001'", line: 12 };
 */
export interface DocExample {
  readonly name: string;
  readonly code: string;
  readonly line: number;
}

/**
 * Extracts the `@example` blocks of the TSDoc comments of a source file, each with the name of the declaration
 * after the comment.
 *
 * @example
 * extractExamples(source).map((e) => e.name); // e.g. ['Id', 'LocalDate']
 */
export function extractExamples(source: string): DocExample[] {
  const out: DocExample[] = [];
  const comment =
    /\/\*\*([\s\S]*?)\*\/\s*(?:export\s+)?(?:declare\s+)?(?:const|function|type|interface|class)?\s*(\w+)?/g;
  for (let m = comment.exec(source); m !== null; m = comment.exec(source)) {
    const body = (m[1] ?? '').split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    const start = body.findIndex((l) => l.trim() === '@example');
    if (start === -1) continue;
    const lines: string[] = [];
    for (const l of body.slice(start + 1)) {
      if (/^@\w+/.test(l.trim())) break;
      lines.push(l);
    }
    const line = source.slice(0, m.index).split('\n').length;
    out.push({ name: m[2] ?? '(anonymous)', code: lines.join('\n').trim(), line });
  }
  return out;
}

/** Splits code into top-level statements (brackets balanced, ends with `;`), with their trailing comment. */
function statements(code: string): { text: string; result: string | undefined }[] {
  const out: { text: string; result: string | undefined }[] = [];
  let buffer: string[] = [];
  let depth = 0;
  for (const raw of code.split('\n')) {
    const onlyComment = raw.trim().startsWith('//');
    if (onlyComment && buffer.length === 0) {
      const last = out[out.length - 1];
      if (last !== undefined && last.result === undefined) last.result = raw.trim().slice(2).trim();
      continue;
    }
    let code = raw;
    let comment: string | undefined;
    let quote: string | undefined;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i] as string;
      if (quote !== undefined) {
        if (c === '\\') i++;
        else if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '/' && raw[i + 1] === '/') {
        code = raw.slice(0, i);
        comment = raw.slice(i + 2).trim();
        break;
      } else if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth--;
    }
    buffer.push(code);
    if (depth === 0 && code.trim().endsWith(';')) {
      out.push({ text: buffer.join('\n'), result: comment });
      buffer = [];
    }
  }
  if (buffer.length > 0) out.push({ text: buffer.join('\n'), result: undefined });
  return out;
}

const DECLARATION = /^\s*(const|let|var|if|for|while|function|class|type|interface|import|export|return)\b/;

/**
 * Turns an example into JavaScript in which each statement with a result comment calls
 * `__check(actual, expected, partial)`. Returns the code and how many results it checks.
 *
 * @example
 * compileExample("Id.parse('p-1'); // 'p-1'").checks; // 1
 */
export function compileExample(code: string): { readonly js: string; readonly checks: number } {
  let checks = 0;
  const parts = statements(code).map(({ text, result }) => {
    if (result === undefined || result.startsWith('e.g.') || DECLARATION.test(text)) return text;
    const partial = /(^|[[{,]\s*)\.\.\.(\s*[\]},]|$)/.test(result);
    const literal = result.replace(/,\s*\.\.\.(?=\s*[\]}])/g, '').replace(/([[{]\s*)\.\.\.\s*,?/g, '$1');
    try {
      // Accept only comments that are plain JavaScript values.
      new Function(`return (${literal});`);
    } catch {
      return text;
    }
    checks++;
    const expr = text.trim().replace(/;\s*$/, '');
    return `__check((${expr}), (${literal}), ${String(partial)});`;
  });
  const js = ts.transpileModule(parts.join('\n'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
    reportDiagnostics: false,
  }).outputText;
  return { js, checks };
}

/**
 * Runs one example with the given names in scope (for instance every export of a module) and a check function
 * called for each result comment.
 *
 * @example
 * runExample(example, { ...model }, (actual, expected, partial) => {
 *   if (partial) expect(actual).toMatchObject(expected); else expect(actual).toEqual(expected);
 * });
 */
export function runExample(
  example: DocExample,
  scope: Record<string, unknown>,
  check: (actual: unknown, expected: unknown, partial: boolean) => void,
): number {
  const { js, checks } = compileExample(example.code);
  const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  const quiet = { log: () => undefined, error: () => undefined, warn: () => undefined };
  const fn = new Function(...names, 'console', '__check', `"use strict";\n${js}`);
  fn(...names.map((n) => scope[n]), quiet, check);
  return checks;
}
