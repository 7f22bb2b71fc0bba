import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { en } from '../../src/i18n/en';
import { nb } from '../../src/i18n/nb';
import { isMessageKey } from '../../src/i18n';

/**
 * The messages in the code and in the catalogues agree: every key the code names has its texts,
 * every text is used, every userError names a key (the type says so: `userError(field, key, …)`),
 * and no import problem is written as bare English text.
 */
const ROOT = path.resolve(__dirname, '../..');
const NAMESPACES = ['common', 'personalData', 'reference', 'plans', 'fora', 'costs', 'statistics', 'imports', 'cli', 'dashboards'];
const KEY_SHAPE = new RegExp(`^(${NAMESPACES.join('|')})\\.[A-Za-z0-9_.]+$`);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

const files = [...sourceFiles('src'), 'scripts/import.ts'].filter((f) => !f.startsWith(path.join('src', 'i18n')));
const parsed = files.map((file) => ({ file, sf: ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true) }));

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/**
 * Where a literal is a message: the key argument of userError / reject / translate, the value of a
 * `key` property or variable, or `… satisfies MessageKey` (through conditionals and parentheses).
 */
function inMessagePosition(node: ts.Node): boolean {
  let at: ts.Node = node;
  while (ts.isConditionalExpression(at.parent) || ts.isParenthesizedExpression(at.parent) || ts.isAsExpression(at.parent)) at = at.parent;
  const parent = at.parent;
  if (ts.isSatisfiesExpression(parent)) return true;
  if (ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent)) return ts.isIdentifier(parent.name) && parent.name.text === 'key';
  if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression)) return ['userError', 'reject', 'translate'].includes(parent.expression.text) && parent.arguments[1] === at;
  return false;
}

/** Every string literal shaped like a message key, those in a message position, and every template literal's head shaped like one (`fora.weekdays.${…}`). */
function keysInSource(): { literal: Map<string, string>; messages: Map<string, string>; prefixes: Map<string, string> } {
  const literal = new Map<string, string>();
  const messages = new Map<string, string>();
  const prefixes = new Map<string, string>();
  for (const { file, sf } of parsed) {
    walk(sf, (node) => {
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && KEY_SHAPE.test(node.text)) {
        literal.set(node.text, file);
        if (inMessagePosition(node)) messages.set(node.text, `${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
      if (ts.isTemplateExpression(node) && /^[a-zA-Z]+\.[A-Za-z0-9_.]+$/.test(node.head.text) && NAMESPACES.includes(node.head.text.split('.')[0])) prefixes.set(node.head.text, file);
    });
  }
  return { literal, messages, prefixes };
}

describe('message keys', () => {
  const { literal, messages, prefixes } = keysInSource();

  it('every key the code names is in the catalogues', () => {
    const unknown = [...messages].filter(([key]) => !isMessageKey(key)).map(([key, at]) => `${at}: ${key}`);
    expect(unknown).toEqual([]);
    expect(messages.size).toBeGreaterThan(200);
  });

  it('every text of the catalogues is used by the code (a key by name, or by a template such as `fora.weekdays.${day}`)', () => {
    const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
    const unused = Object.keys(nb)
      .map(base)
      .filter((k) => !literal.has(k) && ![...prefixes.keys()].some((p) => k.startsWith(p)));
    expect([...new Set(unused)]).toEqual([]);
    expect(Object.keys(en).length).toBe(Object.keys(nb).length);
  });

  it('every userError and reject names a catalogue key, never a sentence', () => {
    const sentences: string[] = [];
    for (const { file, sf } of parsed) {
      walk(sf, (node) => {
        if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || !['userError', 'reject'].includes(node.expression.text) || node.arguments.length < 2) return;
        const message = node.arguments[1];
        if (ts.isStringLiteral(message) || ts.isNoSubstitutionTemplateLiteral(message) ? !isMessageKey(message.text) : ts.isTemplateExpression(message) && !KEY_SHAPE.test(`${message.head.text}x`)) {
          sentences.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
        }
      });
    }
    // `reject` of a Promise (new Promise((resolve, reject) => …)) takes one argument and is not counted.
    expect(sentences).toEqual([]);
  });

  it('every reason given to forbidden, requireScope, badInput, notFound and the token errors is a message, never English text', () => {
    // The types say so (a string does not compile); this names the call site should a signature widen again.
    const reasonAt: Record<string, number> = { forbidden: 0, requireScope: 1, badInput: 2, notFound: 0, InvalidTokenError: 0, UnknownScopeError: 0, GrantChoiceError: 0, refused: 1, unavailable: 0 };
    const text = (n: ts.Node): boolean =>
      ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n) || (ts.isConditionalExpression(n) && (text(n.whenTrue) || text(n.whenFalse)));
    const textual: string[] = [];
    let calls = 0;
    for (const { file, sf } of parsed) {
      walk(sf, (node) => {
        if (!(ts.isCallExpression(node) || ts.isNewExpression(node)) || !ts.isIdentifier(node.expression) || !(node.expression.text in reasonAt)) return;
        const reason = node.arguments?.[reasonAt[node.expression.text]];
        if (!reason) return;
        calls++;
        if (text(reason)) textual.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      });
    }
    expect(textual).toEqual([]);
    expect(calls).toBeGreaterThan(120);
  });

  it('every class-validator decorator with a message of its own also gives its key (context: { key })', () => {
    const VALIDATORS = new Set(['Matches', 'IsIn', 'Length', 'MinLength', 'MaxLength', 'Min', 'Max', 'IsInt', 'IsEnum', 'ArrayMinSize', 'ArrayMaxSize', 'IsBoolean', 'IsNumber']);
    const without: string[] = [];
    let custom = 0;
    for (const { file, sf } of parsed.filter((p) => p.file.startsWith(path.join('src', 'schema')))) {
      walk(sf, (node) => {
        if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || !VALIDATORS.has(node.expression.text)) return;
        for (const options of node.arguments.filter(ts.isObjectLiteralExpression)) {
          const names = options.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ''));
          if (!names.includes('message')) continue;
          custom++;
          if (!names.includes('context')) without.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
        }
      });
    }
    expect(without).toEqual([]);
    expect(custom).toBeGreaterThan(15);
  });

  it('every import problem gives a key and params, never English text (`{ line, field, message }`)', () => {
    const textual: string[] = [];
    // The renderer (importer.ts) turns keyed problems into text; it writes none.
    for (const { file, sf } of parsed.filter((p) => p.file !== 'src/services/imports/importer.ts')) {
      walk(sf, (node) => {
        if (!ts.isObjectLiteralExpression(node)) return;
        const names = node.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : ''));
        if (names.includes('line') && names.includes('field') && names.includes('message') && !names.includes('key')) {
          textual.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
        }
      });
    }
    expect(textual).toEqual([]);
  });
});
