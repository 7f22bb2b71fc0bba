import type { Readable } from 'node:stream';
import { TokenParser, Tokenizer, TokenType } from '@streamparser/json';
import type { ParsedTokenInfo } from '@streamparser/json';
import { JsonScanner } from './json-syntax';
import type { ImportProblem, JsonAdapter, JsonAdapterReading } from './importer';

/**
 * The records of a JSON upload, streamed: the file is never held whole, and neither is any large
 * array in it. Every chunk is first checked by the JsonScanner (json-syntax.ts: grammar, nesting
 * depth, UTF-8, with the line and column of the first fault) and only then tokenized by
 * @streamparser/json's Tokenizer; the tokens are routed here by where they stand in the document:
 *
 * - a top-level array: each element is one record (record number = 1-based index), built alone by
 *   a TokenParser and yielded before the next is read;
 * - `{ "rows": [...] }`: the same, for the elements of `rows`;
 * - another top-level object: the members a JSON adapter names as `streamed` reach the adapter one
 *   element at a time; every other member is built whole (the "head"); at the end the first adapter
 *   that `matches` the head yields its records, lazily.
 *
 * No value built whole (a record, a head member, an adapter's element) may hold more than
 * MAX_VALUE_TOKENS tokens: a file of one huge object is refused, not built.
 */

/** Deeper than any import's layout nests (JSON-stat is 3 levels): refused as the bytes pass, before anything deep is built. */
export const MAX_JSON_DEPTH = 32;
/** Tokens of one value built whole (a record, a head member such as JSON-stat's `dimension`, one element): far above any real one. */
export const MAX_VALUE_TOKENS = 200_000;

type Record_ = { line: number; record: Record<string, unknown> };
interface Sink {
  add(...problems: ImportProblem[]): void;
  /** A file that cannot be read further is this one problem: what its earlier records had is dropped (as when a file was parsed whole first). */
  only(problem: ImportProblem): void;
}
interface Shape {
  columns: readonly string[];
  jsonAdapters?: JsonAdapter[];
}

/** What the value being built is, for where it goes when it is complete. */
type Capture = { kind: 'record'; line: number } | { kind: 'head'; member: string } | { kind: 'element'; member: string; key: number | string; adapters: JsonAdapter[] };

/**
 * Walks one object's members at one level (the top level, or a streamed member that is an object):
 * which token is punctuation or a key, and which one begins a member's value (its key in `key`).
 */
class ObjectMembers {
  key = '';
  private expectKey = true;
  private afterColon = false;

  /** 'value': `t` begins the value of `key`; 'end': `t` closes the object; null: a key or punctuation. */
  step(t: ParsedTokenInfo): 'value' | 'end' | null {
    if (this.afterColon) {
      this.afterColon = false;
      return 'value';
    }
    if (t.token === TokenType.RIGHT_BRACE) return 'end';
    if (t.token === TokenType.COMMA) this.expectKey = true;
    else if (t.token === TokenType.COLON) this.afterColon = true;
    else if (this.expectKey && t.token === TokenType.STRING) {
      this.key = t.value as string;
      this.expectKey = false;
    }
    return null;
  }
}

const asRecord = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { __notAnObject: true });

/** Routes the tokens of one document (already checked by the scanner) to records, head members and adapter elements. */
class Router {
  readonly ready: Record_[] = [];
  /** Without a prototype: a member named `__proto__` is a member like any other. */
  readonly head: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  readonly streamedKinds = new Map<string, 'array' | 'object'>();
  readonly readings = new Map<JsonAdapter, JsonAdapterReading>();
  problem: ImportProblem | null = null;
  top: 'none' | 'array' | 'object' | 'scalar' = 'none';
  rowsSeen = false;

  private depth = 0;
  /** The top-level object's members (a Router reads one document). */
  private readonly topMembers = new ObjectMembers();
  /**
   * The streamed member being read at depth 2 ('rows' or an adapter's): the adapters that stream
   * it, the next index of an array, the members of an object.
   */
  private member: { name: string; adapters: JsonAdapter[]; records: boolean; index: number; members: ObjectMembers | null } | null = null;
  private capture: Capture | null = null;
  private tokens = 0;
  private records = 0;
  private readonly builder = new TokenParser({ paths: ['$'], keepStack: false, separator: '' });

  constructor(private readonly adapters: JsonAdapter[]) {
    this.builder.onValue = ({ value }) => this.built(value);
  }

  token(t: ParsedTokenInfo): void {
    if (this.problem) return;
    if (this.capture) {
      if (++this.tokens > MAX_VALUE_TOKENS) {
        const c = this.capture;
        this.problem = {
          line: c.kind === 'record' ? c.line : null,
          field: c.kind === 'record' ? null : c.member,
          key: 'imports.jsonValueTooLarge',
          params: { count: MAX_VALUE_TOKENS },
        };
        return;
      }
      this.builder.write(t);
      return;
    }
    if (this.depth === 0) return this.start(t);
    if (this.depth === 1 && this.top === 'array') {
      if (t.token === TokenType.RIGHT_BRACKET) this.depth = 0;
      else if (t.token !== TokenType.COMMA) this.begin({ kind: 'record', line: ++this.records }, t);
      return;
    }
    if (this.depth === 1) return this.topMember(t);
    this.memberElement(t);
  }

  private start(t: ParsedTokenInfo): void {
    if (t.token === TokenType.LEFT_BRACKET) this.top = 'array';
    else if (t.token === TokenType.LEFT_BRACE) this.top = 'object';
    else {
      this.top = 'scalar';
      return;
    }
    this.depth = 1;
  }

  private topMember(t: ParsedTokenInfo): void {
    const step = this.topMembers.step(t);
    if (step === 'end') this.depth = 0;
    if (step !== 'value') return;
    const key = this.topMembers.key;
    const opens = t.token === TokenType.LEFT_BRACKET ? 'array' : t.token === TokenType.LEFT_BRACE ? 'object' : null;
    const adapters = this.adapters.filter((a) => a.streamed.includes(key));
    const records = key === 'rows' && !adapters.length && opens === 'array';
    if (opens && (records || adapters.length)) {
      if (records) this.rowsSeen = true;
      else this.streamedKinds.set(key, opens);
      this.member = { name: key, adapters, records, index: 0, members: opens === 'object' ? new ObjectMembers() : null };
      this.depth = 2;
      return;
    }
    this.begin({ kind: 'head', member: key }, t);
  }

  private memberElement(t: ParsedTokenInfo): void {
    const m = this.member!;
    if (m.members) {
      const step = m.members.step(t);
      if (step === 'value') this.begin({ kind: 'element', member: m.name, key: m.members.key, adapters: m.adapters }, t);
      else if (step === 'end') this.closeMember();
      return;
    }
    if (t.token === TokenType.RIGHT_BRACKET) this.closeMember();
    else if (t.token !== TokenType.COMMA) {
      const index = m.index++;
      if (m.records) this.begin({ kind: 'record', line: index + 1 }, t);
      else this.begin({ kind: 'element', member: m.name, key: index, adapters: m.adapters }, t);
    }
  }

  private closeMember(): void {
    this.member = null;
    this.depth = 1;
  }

  private begin(capture: Capture, t: ParsedTokenInfo): void {
    this.capture = capture;
    this.tokens = 1;
    this.builder.write(t);
  }

  private built(value: unknown): void {
    const c = this.capture!;
    this.capture = null;
    if (c.kind === 'record') this.ready.push({ line: c.line, record: asRecord(value) });
    else if (c.kind === 'head') this.head[c.member] = value;
    else
      for (const adapter of c.adapters) {
        let reading = this.readings.get(adapter);
        if (!reading) this.readings.set(adapter, (reading = adapter.read()));
        const problem = reading.element(c.member, c.key, value);
        if (problem) {
          this.problem = problem;
          return;
        }
      }
  }
}

/**
 * The records of a JSON file as they are read (see above). What is wrong with the file goes to
 * `problems` (`imports.notJson` with line, column and reason; `imports.notRecords` /
 * `imports.notRecordsOrLayouts`; an adapter's own), and reading stops there.
 */
export async function* jsonRecords(input: Readable, importer: Shape, problems: Sink): AsyncGenerator<Record_> {
  const scanner = new JsonScanner(MAX_JSON_DEPTH);
  const router = new Router(importer.jsonAdapters ?? []);
  const tokenizer = new Tokenizer();
  tokenizer.onToken = (t) => router.token(t);
  const notJson = () => {
    const fault = scanner.end() ?? { ...scanner.position(), reason: 'not JSON' };
    problems.only({ line: fault.line, field: null, key: 'imports.notJson', params: { line: fault.line, column: fault.column, reason: fault.reason } });
  };
  // Once the file is refused, the rest of the upload is read and dropped (not kept): the size limit
  // still answers for it (413), and the client is not cut off mid-send.
  let refused = false;
  let tokenizerFailed = false;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    if (refused) {
      // A fault at a multi-byte character is named once the rest of its bytes are in.
      if (scanner.stopped && !scanner.fault) scanner.write(chunk);
      continue;
    }
    if (scanner.write(chunk) >= 0) {
      refused = true;
      continue;
    }
    try {
      tokenizer.write(chunk);
    } catch {
      // The scanner let nothing malformed through; should the tokenizer still refuse, the file is refused where the scanner stands.
      refused = tokenizerFailed = true;
      continue;
    }
    if (router.problem) refused = true;
    else if (router.ready.length) yield* router.ready.splice(0);
  }
  if (!router.problem) {
    if (tokenizerFailed || scanner.stopped || scanner.end()) return notJson();
    try {
      tokenizer.end();
    } catch {
      return notJson();
    }
  }
  if (router.problem) {
    problems.add(router.problem);
    return;
  }
  if (router.ready.length) yield* router.ready.splice(0);
  if (router.top === 'array' || router.rowsSeen) return;
  const adapter = router.top === 'object' ? importer.jsonAdapters?.find((a) => a.matches(router.head, router.streamedKinds)) : undefined;
  if (adapter) {
    yield* (router.readings.get(adapter) ?? adapter.read()).records(router.head);
    return;
  }
  const columns = importer.columns.join(', ');
  problems.add(
    importer.jsonAdapters?.length
      ? { line: null, field: null, key: 'imports.notRecordsOrLayouts', params: { columns, layouts: importer.jsonAdapters.map((a) => a.name).join(' / ') } }
      : { line: null, field: null, key: 'imports.notRecords', params: { columns } },
  );
}
