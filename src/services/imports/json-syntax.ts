/**
 * Where a JSON file goes wrong, for the problem an import reports: JSON.parse only says what (and
 * not always where), so when it fails, or when the document nests deeper than an import reads, this
 * scanner walks the text once more, without recursion, to the first offending character.
 */

export interface JsonFault {
  /** 1-based line and column of the text. */
  line: number;
  column: number;
  reason: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const SPACE = /[ \t\n\r]*/y;

/** The end of the JSON string that starts at `at` (a quote), or -1. A loop, not a regular expression: a 100 MB string must not exhaust the regex backtracking stack. */
function stringEnd(text: string, at: number): number {
  if (text[at] !== '"') return -1;
  for (let j = at + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      const escaped = text[j + 1] ?? '';
      if (escaped !== '' && '"\\/bfnrt'.includes(escaped)) j += 1;
      else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) j += 5;
      else return -1;
    }
  }
  return -1;
}

function match(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

/** The first syntax error of `text`, or the first place it nests deeper than `maxDepth`; null if there is none. */
export function jsonFault(text: string, maxDepth: number): JsonFault | null {
  const stack: string[] = [];
  let i = 0;
  type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'after';
  let expect: Expect = 'value';
  const fault = (reason: string): JsonFault => ({ ...lineAndColumn(text, i), reason });
  const shown = () => (i >= text.length ? 'the file ends' : `unexpected ${describe(text.charCodeAt(i))}`);
  for (;;) {
    i = match(SPACE, text, i);
    if (i >= text.length) return expect === 'after' && stack.length === 0 ? null : fault('the file ends before the JSON does');
    const c = text[i];
    if (expect === 'after') {
      if (stack.length === 0) return fault(`${shown()} after the end of the JSON`);
      const top = stack[stack.length - 1];
      if (c === ',') {
        i += 1;
        expect = top === '{' ? 'key' : 'value';
      } else if ((c === ']' && top === '[') || (c === '}' && top === '{')) {
        stack.pop();
        i += 1;
      } else return fault(`${shown()}; expected , or ${top === '[' ? ']' : '}'}`);
      continue;
    }
    if (expect === 'key' || expect === 'keyOrClose') {
      if (expect === 'keyOrClose' && c === '}') {
        stack.pop();
        i += 1;
        expect = 'after';
        continue;
      }
      const end = stringEnd(text, i);
      if (end < 0) return fault(`${shown()}; expected a property name in double quotes`);
      i = match(SPACE, text, end);
      if (text[i] !== ':') return fault(`${shown()}; expected : after a property name`);
      i += 1;
      expect = 'value';
      continue;
    }
    if (expect === 'valueOrClose' && c === ']') {
      stack.pop();
      i += 1;
      expect = 'after';
      continue;
    }
    if (c === '[' || c === '{') {
      if (stack.length >= maxDepth) return fault(`nested deeper than ${maxDepth} levels`);
      stack.push(c);
      i += 1;
      expect = c === '[' ? 'valueOrClose' : 'keyOrClose';
      continue;
    }
    const end = c === '"' ? stringEnd(text, i) : c === 't' || c === 'f' || c === 'n' ? match(LITERAL, text, i) : match(NUMBER, text, i);
    if (end < 0) return fault(c === '"' ? 'a text that is not closed or holds a control character or a bad escape' : `${shown()}; expected a value`);
    i = end;
    expect = 'after';
  }
}

/** How deep a parsed document nests (arrays and objects), counted without recursion, up to `limit` + 1. */
export function depthExceeds(document: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[document, 0]];
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
  }
  return false;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line += 1;
    start = at + 1;
  }
  return { line, column: offset - start + 1 };
}

function describe(code: number): string {
  if (code === 0xfffd) return 'bytes that are not UTF-8';
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return `character ${JSON.stringify(String.fromCharCode(code))}`;
}
