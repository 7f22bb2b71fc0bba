/**
 * Where a JSON upload goes wrong, found as its bytes pass: an incremental scanner that checks the
 * JSON grammar byte by byte (strings, escapes, UTF-8, numbers, literals, nesting) and keeps only
 * its state — line, column, the open containers up to `maxDepth` — never the text. The import's
 * reader (json-records.ts) lets a chunk through to the parser only after this scanner accepted it,
 * so the parser never sees malformed JSON and nothing deeper than `maxDepth` is ever built: a file
 * of ten million `[` stops at the first one too many. A chunk may end anywhere, also inside a
 * multi-byte character: columns count UTF-16 code units of the characters, as an editor does.
 */

export interface JsonFault {
  /** 1-based line and column of the first offending character (or of the end of the file). */
  line: number;
  column: number;
  reason: string;
}

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'after';
type Token = 'none' | 'string' | 'escape' | 'unicode' | 'literal' | 'number';
/** Number states: after the sign, a leading zero, integer digits, the dot, fraction digits, the e, the exponent's sign, exponent digits. */
type NumberState = 'minus' | 'zero' | 'int' | 'dot' | 'frac' | 'e' | 'esign' | 'exp';
const NUMBER_ENDS: ReadonlySet<NumberState> = new Set(['zero', 'int', 'frac', 'exp']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const isHex = (b: number) => isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
/** UTF-16 code units of the character a byte starts (0 for a continuation byte). */
const units = (b: number) => (b < 0x80 ? 1 : b < 0xc0 ? 0 : b < 0xf0 ? 1 : 2);
/** Bytes of the UTF-8 sequence a lead byte starts; 0 when it cannot start one. */
const sequenceLength = (b: number) => (b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0);
/** The allowed range of the byte after a lead byte (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

function describe(code: number): string {
  if (code === 0xfffd) return 'bytes that are not UTF-8';
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return `character ${JSON.stringify(String.fromCodePoint(code))}`;
}

export class JsonScanner {
  private line = 1;
  /** UTF-16 code units on the current line before the next byte. */
  private column = 0;
  private readonly stack: Uint8Array;
  private depth = 0;
  private expect: Expect = 'value';
  private token: Token = 'none';
  private stringIsKey = false;
  private hexLeft = 0;
  private literal = '';
  private literalAt = 0;
  private numberState: NumberState = 'int';
  /** Continuation bytes still due in a string's multi-byte character, and the range of the next one. */
  private utf8Left = 0;
  private utf8Low = 0x80;
  private utf8High = 0xbf;
  /** The column of that character. */
  private utf8Column = 0;
  private started = false;
  private bomAt = 0;
  /** A fault at a multi-byte character outside a string: its bytes are gathered to name it. */
  private pending: { line: number; column: number; bytes: number[]; length: number; reason: (shown: string) => string } | null = null;
  private found: JsonFault | null = null;

  constructor(readonly maxDepth: number) {
    this.stack = new Uint8Array(maxDepth);
  }

  /** The first fault, once it is known (a fault at a multi-byte character is known when its bytes are). */
  get fault(): JsonFault | null {
    return this.found;
  }

  /** True once the scanner has stopped at a fault (its description may still wait for a character's remaining bytes). */
  get stopped(): boolean {
    return this.found !== null || this.pending !== null;
  }

  /** Where the scanner stands: the line and column of the next character. */
  position(): { line: number; column: number } {
    return { line: this.line, column: this.column + 1 };
  }

  /** Scans the next bytes; returns the index in `chunk` of the first offending byte, or -1 when all are good JSON so far. */
  write(chunk: Uint8Array): number {
    if (this.pending) {
      for (let j = 0; j < chunk.length && this.pending; j++) this.gather(chunk[j]);
      return 0;
    }
    if (this.found) return 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (!this.started) {
        // A UTF-8 byte order mark before the JSON is skipped (as the parser does).
        if (this.bomAt < 3 && b === [0xef, 0xbb, 0xbf][this.bomAt]) {
          this.bomAt += 1;
          if (this.bomAt === 3) this.started = true;
          continue;
        }
        if (this.bomAt > 0) {
          this.stop(b, (shown) => `${shown}; expected a value`);
          return i;
        }
        this.started = true;
      }
      if (!this.step(b)) {
        for (let j = i + 1; j < chunk.length && this.pending; j++) this.gather(chunk[j]);
        return i;
      }
      if (b === 0x0a) {
        this.line += 1;
        this.column = 0;
      } else this.column += units(b);
    }
    return -1;
  }

  /** The end of the file: a fault if the JSON is not complete. */
  end(): JsonFault | null {
    if (this.pending) {
      const { line, column, reason } = this.pending;
      this.pending = null;
      this.found = { line, column, reason: reason(`unexpected ${describe(0xfffd)}`) };
    }
    if (this.found) return this.found;
    if (this.token === 'number' && NUMBER_ENDS.has(this.numberState)) this.endNumber();
    if (this.token !== 'none' || this.expect !== 'after' || this.depth !== 0) this.found = { line: this.line, column: this.column + 1, reason: 'the file ends before the JSON does' };
    return this.found;
  }

  private fail(reason: string): false {
    this.found = { line: this.line, column: this.column + 1, reason };
    return false;
  }

  /** A fault at byte `b` whose reason names it: an ASCII byte at once, a multi-byte character once its bytes are in. */
  private stop(b: number, reason: (shown: string) => string): false {
    const length = sequenceLength(b);
    if (b < 0x80 || length === 0) return this.fail(reason(`unexpected ${describe(b < 0x80 ? b : 0xfffd)}`));
    this.pending = { line: this.line, column: this.column + 1, bytes: [b], length, reason };
    return false;
  }

  private gather(b: number): void {
    const p = this.pending!;
    p.bytes.push(b);
    if (p.bytes.length < p.length) return;
    this.pending = null;
    const text = Buffer.from(p.bytes).toString('utf8');
    const code = [...text].length === 1 ? text.codePointAt(0)! : 0xfffd;
    this.found = { line: p.line, column: p.column, reason: p.reason(`unexpected ${describe(code)}`) };
  }

  private endNumber(): void {
    this.token = 'none';
    this.expect = 'after';
  }

  /** One byte; false at a fault. */
  private step(b: number): boolean {
    switch (this.token) {
      case 'string':
        return this.stringByte(b);
      case 'escape':
        if (b === 0x75) {
          this.token = 'unicode';
          this.hexLeft = 4;
          return true;
        }
        if (b === QUOTE || b === BACKSLASH || b === 0x2f || b === 0x62 || b === 0x66 || b === 0x6e || b === 0x72 || b === 0x74) {
          this.token = 'string';
          return true;
        }
        return this.stop(b, (shown) => `${shown}: not an escape in a text (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`);
      case 'unicode':
        if (!isHex(b)) return this.stop(b, (shown) => `${shown}; expected four hexadecimal digits after \\u`);
        this.hexLeft -= 1;
        if (this.hexLeft === 0) this.token = 'string';
        return true;
      case 'literal':
        if (b !== this.literal.charCodeAt(this.literalAt)) return this.stop(b, (shown) => `${shown}; expected ${this.literal}`);
        this.literalAt += 1;
        if (this.literalAt === this.literal.length) {
          this.token = 'none';
          this.expect = 'after';
        }
        return true;
      case 'number':
        if (this.numberByte(b)) return true;
        if (!NUMBER_ENDS.has(this.numberState)) return this.stop(b, (shown) => `${shown} in a number`);
        this.endNumber();
        return this.structural(b);
      default:
        return this.structural(b);
    }
  }

  private stringByte(b: number): boolean {
    if (this.utf8Left > 0) {
      if (b < this.utf8Low || b > this.utf8High) {
        this.found = { line: this.line, column: this.utf8Column, reason: 'bytes that are not UTF-8 in a text' };
        return false;
      }
      this.utf8Left -= 1;
      this.utf8Low = 0x80;
      this.utf8High = 0xbf;
      return true;
    }
    if (b === QUOTE) {
      this.token = 'none';
      this.expect = this.stringIsKey ? 'colon' : 'after';
      return true;
    }
    if (b === BACKSLASH) {
      this.token = 'escape';
      return true;
    }
    if (b < 0x20) return this.fail(`${describe(b)} in a text (write it as an escape)`);
    if (b >= 0x80) {
      const length = sequenceLength(b);
      if (length === 0) return this.fail('bytes that are not UTF-8 in a text');
      this.utf8Left = length - 1;
      this.utf8Column = this.column + 1;
      [this.utf8Low, this.utf8High] = secondByteRange(b);
    }
    return true;
  }

  private numberByte(b: number): boolean {
    const s = this.numberState;
    if (isDigit(b)) {
      if (s === 'minus') this.numberState = b === 0x30 ? 'zero' : 'int';
      else if (s === 'zero') return false;
      else if (s === 'dot') this.numberState = 'frac';
      else if (s === 'e' || s === 'esign') this.numberState = 'exp';
      return true;
    }
    if (b === 0x2e && (s === 'zero' || s === 'int')) this.numberState = 'dot';
    else if ((b === 0x65 || b === 0x45) && (s === 'zero' || s === 'int' || s === 'frac')) this.numberState = 'e';
    else if ((b === 0x2b || b === 0x2d) && s === 'e') this.numberState = 'esign';
    else return false;
    return true;
  }

  private structural(b: number): boolean {
    if (isSpace(b)) return true;
    const top = this.depth > 0 ? this.stack[this.depth - 1] : 0;
    const closer = top === 1 ? ']' : '}';
    switch (this.expect) {
      case 'after':
        if (this.depth === 0) return this.stop(b, (shown) => `${shown} after the end of the JSON`);
        if (b === 0x2c) {
          this.expect = top === 2 ? 'key' : 'value';
          return true;
        }
        if ((b === 0x5d && top === 1) || (b === 0x7d && top === 2)) {
          this.depth -= 1;
          return true;
        }
        return this.stop(b, (shown) => `${shown}; expected , or ${closer}`);
      case 'colon':
        if (b === 0x3a) {
          this.expect = 'value';
          return true;
        }
        return this.stop(b, (shown) => `${shown}; expected : after a property name`);
      case 'key':
      case 'keyOrClose':
        if (this.expect === 'keyOrClose' && b === 0x7d) {
          this.depth -= 1;
          this.expect = 'after';
          return true;
        }
        if (b !== QUOTE) return this.stop(b, (shown) => `${shown}; expected a property name in double quotes`);
        this.token = 'string';
        this.stringIsKey = true;
        return true;
      default:
        return this.value(b);
    }
  }

  private value(b: number): boolean {
    if (this.expect === 'valueOrClose' && b === 0x5d) {
      this.depth -= 1;
      this.expect = 'after';
      return true;
    }
    if (b === 0x5b || b === 0x7b) {
      if (this.depth >= this.maxDepth) return this.fail(`nested deeper than ${this.maxDepth} levels`);
      this.stack[this.depth++] = b === 0x5b ? 1 : 2;
      this.expect = b === 0x5b ? 'valueOrClose' : 'keyOrClose';
      return true;
    }
    if (b === QUOTE) {
      this.token = 'string';
      this.stringIsKey = false;
      return true;
    }
    if (b === 0x74 || b === 0x66 || b === 0x6e) {
      this.token = 'literal';
      this.literal = b === 0x74 ? 'true' : b === 0x66 ? 'false' : 'null';
      this.literalAt = 1;
      return true;
    }
    if (b === 0x2d || isDigit(b)) {
      this.token = 'number';
      this.numberState = b === 0x2d ? 'minus' : b === 0x30 ? 'zero' : 'int';
      return true;
    }
    return this.stop(b, (shown) => `${shown}; expected a value`);
  }
}
