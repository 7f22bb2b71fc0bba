/**
 * The operations a grant may be limited to (`role_assignment.operations`, migration
 * 1733700000000): the name of a mutation (`recordForumMeeting`, as defineMutation names it) or an
 * import (`import:statistics`). Which ones exist is registered by the composition root from the
 * schema's mutations and the served importers (src/http/app.ts), as the read rules are: no layer
 * below it reads the feature registry.
 */

/** The element format the database's CHECK holds a limit to. */
export const OPERATION_FORMAT = /^(import:[a-z][a-z0-9-]{0,62}|[a-z][A-Za-z0-9]{0,62})$/;

/** The operation an import of `kind` is (its defineMutation name, and what a limited grant lists). */
export const importOperation = (kind: string): string => `import:${kind}`;

const known = new Set<string>();

/** Adds operations that exist (every mutation of the schema, `import:<kind>` for every served importer); a name the database's CHECK would refuse is never one. */
export function registerOperations(names: Iterable<string>): void {
  for (const name of names) if (OPERATION_FORMAT.test(name)) known.add(name);
}

/** Every registered operation. */
export function knownOperations(): ReadonlySet<string> {
  return known;
}
