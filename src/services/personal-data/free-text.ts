import { UserError } from '../user-errors';

/**
 * Which input fields are free text. The shared text decorators of src/schema/text.ts
 * (`@RequiredText`, `@OptionalText`, `@OptionalRequiredText`, `@FreeText`) register the field here
 * on the input class, so every free-text field of every feature is known without a list to keep:
 * `freeTextViolations` walks a mutation's input (nested input objects and lists too) and
 * `defineMutation` refuses the whole mutation when any registered field fails a check.
 *
 * The registry is keyed by the class prototype; fields declared on a shared fields class
 * (`PlanMeasureFields`) are found through the prototype chain of the add and update inputs.
 */
const registry = new WeakMap<object, Set<string>>();

/** Marks `key` of the class whose prototype is `prototype` as free text. */
export function markFreeText(prototype: object, key: string): void {
  let keys = registry.get(prototype);
  if (!keys) registry.set(prototype, (keys = new Set()));
  keys.add(key);
}

/** The free-text fields of an input object (its class and the classes it extends). */
export function freeTextFields(value: object): string[] {
  const keys = new Set<string>();
  for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of registry.get(proto) ?? []) keys.add(key);
  }
  return [...keys];
}

/** An object literal or a null-prototype object (how graphql-js passes argument objects). */
function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A check of one free text: the violation to report on `field`, or null. */
export type TextCheck = (text: string, field: string[]) => UserError | null;

/**
 * Every violation of `check` in the free-text fields of `input` and of the input objects nested in
 * it (lists included), with the field's path (`['input', 'caseItems', '0', 'label']`). It descends
 * into arrays, plain objects and instances of classes with free-text fields — never into other
 * objects (a Date, the request stream an import passes as its source), and never twice into the
 * same object. An input class holding nested inputs has free-text fields of its own in this schema;
 * test/personal-data/schema-coverage.test.ts fails for one that has not. Iterative: the depth of an
 * input is the schema's, but nothing here relies on that.
 */
export function freeTextViolations(input: unknown, check: TextCheck, root: string[] = ['input']): UserError[] {
  const found: UserError[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: input, path: root }];
  const seen = new WeakSet<object>();
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, String(i)] });
      continue;
    }
    const free = new Set(freeTextFields(value));
    if (!free.size && !isPlain(value)) continue; // a Date, a stream (an import's source), any other non-input object
    const entries = Object.entries(value);
    for (let e = entries.length - 1; e >= 0; e--) {
      const [key, inner] = entries[e];
      if (free.has(key)) {
        const texts = typeof inner === 'string' ? [[inner, [...path, key]] as const] : Array.isArray(inner) ? inner.map((t, i) => [t, [...path, key, String(i)]] as const) : [];
        for (const [text, field] of texts) {
          if (typeof text !== 'string') continue;
          const error = check(text, [...field]);
          if (error) found.push(error);
        }
      } else if (inner !== null && typeof inner === 'object') {
        stack.push({ value: inner, path: [...path, key] });
      }
    }
  }
  return found;
}
