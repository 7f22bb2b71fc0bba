import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The house: lower layers do not reach up to the feature registry. Only the composition roots
 * (src/main.ts, src/worker.ts, scripts/, bench/, the test app) read src/features/ and hand each layer what it
 * needs (docs/architecture.md, "Structure"). Imports are read from the source with the TypeScript
 * parser, type-only imports included: a type import still ties a layer to the registry.
 */
const root = path.join(__dirname, '..');
const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) return filesUnder(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

/** Every module a file names: import / export … from, import(), require(). */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: Import[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: allTypes });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0]) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The project file a relative specifier names (x.ts or x/index.ts), or undefined for a package. */
function resolve(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.join(root, path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return rel(candidate);
  throw new Error(`${from}: cannot resolve "${specifier}"`);
}

/** Every project file a file loads when it runs (type-only imports are erased), itself included, with the path that reached each. */
function runtimeClosure(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    for (const i of importsOf(file)) {
      const target = i.typeOnly ? undefined : resolve(file, i.specifier);
      if (!target || reached.has(target)) continue;
      reached.set(target, [...reached.get(file)!, target]);
      queue.push(target);
    }
  }
  return reached;
}

const below = [...filesUnder('src'), ...filesUnder('migrations')].filter((f) => !f.startsWith('src/features/') && f !== 'src/main.ts' && f !== 'src/worker.ts');

it('reads the whole of src/ and migrations/ (the parser finds the imports it is meant to)', () => {
  expect(below.length).toBeGreaterThan(100);
  expect(importsOf('src/http/app.ts')).toEqual(
    expect.arrayContaining([
      { specifier: './graphiql', typeOnly: false },
      { specifier: './request-context', typeOnly: false },
    ]),
  );
  expect(importsOf('src/features/feature.ts')).toEqual(expect.arrayContaining([{ specifier: '../http/request-context', typeOnly: true }]));
});

it('no file below the composition roots imports src/features/', () => {
  const upward = below.flatMap((file) =>
    importsOf(file)
      .filter((i) => resolve(file, i.specifier)?.startsWith('src/features/'))
      .map((i) => `${file} -> ${i.specifier}`),
  );
  expect(upward).toEqual([]);
});

it('keeps HTTP routes in src/http/: resolvers import nothing of HTTP, and no route file is left among them', () => {
  const resolvers = filesUnder('src/resolvers');
  expect(resolvers.filter((f) => f.endsWith('-route.ts'))).toEqual([]);
  expect(
    resolvers.flatMap((file) =>
      importsOf(file)
        .filter((i) => resolve(file, i.specifier)?.startsWith('src/http/'))
        .map((i) => `${file} -> ${i.specifier}`),
    ),
  ).toEqual([]);
});

it('a command-line import loads the data side of the features only: no resolver, schema builder or HTTP code', () => {
  const reached = runtimeClosure('scripts/import.ts');
  expect(reached.has('src/features/data.ts')).toBe(true);
  expect(reached.has('src/db/data-source.ts')).toBe(true);
  const tooHigh = [...reached]
    .filter(([file]) => file.startsWith('src/resolvers/') || file.startsWith('src/http/') || file === 'src/schema/build.ts' || file === 'src/features/index.ts')
    .map(([, via]) => via.join(' -> '));
  expect(tooHigh).toEqual([]);
});

it('the data side, loaded for real, registers no resolver class', () => {
  jest.isolateModules(() => {
    require('../src/features/data');
    const { getMetadataStorage } = require('type-graphql') as typeof import('type-graphql');
    expect(getMetadataStorage().resolverClasses.map((r) => r.target.name)).toEqual([]);
    // …while it did load every entity.
    const { dataModel } = require('../src/features/data') as typeof import('../src/features/data');
    expect(dataModel.entities.length).toBeGreaterThan(50);
  });
});

it('one way to read: no service or resolver reads through ctx.db.manager() (only defineMutation hands it out, as tx)', () => {
  const managerCall = /\bctx\.db\.manager\s*\(/;
  const writePath = 'src/services/mutation.ts';
  // The pattern finds the one call that is meant to be there: the write path's.
  expect(managerCall.test(fs.readFileSync(path.join(root, writePath), 'utf8'))).toBe(true);
  const readers = [...filesUnder('src/services'), ...filesUnder('src/resolvers')].filter((f) => f !== writePath);
  expect(readers.length).toBeGreaterThan(50);
  const offenders = readers.filter((file) => managerCall.test(fs.readFileSync(path.join(root, file), 'utf8')));
  expect(offenders).toEqual([]);
});
