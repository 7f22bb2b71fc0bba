import { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, Kind, ValueNode, visit } from 'graphql';
import { badInput } from '../errors';
import { Message } from '../i18n';

const NUL = '\u0000';

/**
 * The path of the first string holding a NUL inside a literal: `regionCode`, `input.owners[1]`.
 * Literals are small (GRAPHQL_MAX_TOKENS), so recursion is safe here.
 */
function nulInLiteral(value: ValueNode, path: string): string | null {
  if (value.kind === Kind.STRING) return value.value.includes(NUL) ? path : null;
  if (value.kind === Kind.LIST) {
    for (let i = 0; i < value.values.length; i++) {
      const found = nulInLiteral(value.values[i], `${path}[${i}]`);
      if (found) return found;
    }
  }
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const found = nulInLiteral(field.value, `${path}.${field.name.value}`);
      if (found) return found;
    }
  }
  return null;
}

/** The first argument (of a field or directive) or variable default in the document with a NUL. */
function nulInDocument(document: DocumentNode): { path: string; where: Message } | null {
  let found: { path: string; where: Message } | null = null;
  const check = (value: ValueNode | undefined, path: string, where: Message) => {
    const at = value && !found ? nulInLiteral(value, path) : null;
    if (at) found = { path: at, where };
  };
  visit(document, {
    Field(node) {
      for (const arg of node.arguments ?? []) check(arg.value, arg.name.value, { key: 'common.errors.nulWhere.argument', params: { name: node.name.value } });
    },
    Directive(node) {
      for (const arg of node.arguments ?? []) check(arg.value, arg.name.value, { key: 'common.errors.nulWhere.directiveArgument', params: { name: node.name.value } });
    },
    VariableDefinition(node) {
      check(node.defaultValue, `$${node.variable.name.value}`, { key: 'common.errors.nulWhere.defaultValue' });
    },
  });
  return found;
}

/**
 * The path of the first string holding a NUL in the request's variables: `$input.goals[2].title`.
 * Iterative, since JSON variables can nest far deeper than the call stack allows.
 */
function nulInVariables(variables: Record<string, unknown>): string | null {
  type Entry = { value: unknown; parent: Entry | null; key: string | number };
  const stack: Entry[] = Object.entries(variables).map(([key, value]) => ({ value, parent: null, key }));
  while (stack.length) {
    const entry = stack.pop()!;
    const { value } = entry;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return pathOf(entry);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], parent: entry, key: i });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) stack.push({ value: inner, parent: entry, key });
    }
  }
  return null;

  function pathOf(entry: Entry): string {
    let path = '';
    for (let e: Entry | null = entry; e; e = e.parent) path = (typeof e.key === 'number' ? `[${e.key}]` : e.parent ? `.${e.key}` : `$${e.key}`) + path;
    return path;
  }
}

const RULE = 'noNul';
const MESSAGE: Message = { key: 'common.errors.noNul' };
/** A path deeper than this is shortened: it names the input, it need not spell out 50 000 levels. */
const MAX_PATH = 200;

const error = (path: string, message: Message) => badInput(path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path, RULE, message, 400);

/** True when any string claim of a token holds a NUL (the token's keys are looked up in PostgreSQL). */
export const hasNul = (values: unknown[]) => values.some((v) => typeof v === 'string' && v.includes(NUL));

/**
 * PostgreSQL text cannot hold NUL (error 22021), so a NUL anywhere in a string input would surface
 * as an internal error. This one check covers every string input of every operation before anything
 * runs: literals in the document (arguments of fields and directives, nested input objects and lists,
 * variable defaults) and the variables (nested objects and lists too). The error is BAD_USER_INPUT
 * naming the argument or variable path.
 */
export function nulGuard(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operation }) {
          if (!operation) return; // Apollo answers an unknown operation name itself
          const literal = nulInDocument(document);
          if (literal) throw error(literal.path, { key: 'common.errors.noNulAt', params: { where: literal.where } });
          const variable = nulInVariables(request.variables ?? {});
          if (variable) throw error(variable, MESSAGE);
        },
      };
    },
  };
}
