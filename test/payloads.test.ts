import path from 'node:path';
import { getNamedType, GraphQLObjectType, GraphQLSchema, isLeafType, isObjectType } from 'graphql';
import { features, served } from '../src/features';
import { buildAppSchema } from '../src/schema/build';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * Every mutation, asked for every field of its payload (and every plain field of the objects in
 * it), answers without a single error when it succeeds: a write that succeeded is never reported
 * as a failure (a null in a non-null field would make the client retry and write twice).
 * The mutations and their payload types come from the built schema; what a successful call needs
 * (whose token, what input) is each feature's test/<feature>/payload-scenarios.ts, found through
 * the feature list. A mutation of the schema without a scenario fails.
 */
let app: TestApp;
let schema: GraphQLSchema;
beforeAll(async () => {
  app = await startTestApp();
  schema = await buildAppSchema(served.schema);
});
afterAll(() => app.close());

/** The payload's fields; objects (and lists of them) with their own leaf fields that take no arguments. */
function selection(type: GraphQLObjectType, depth = 0): string {
  return Object.values(type.getFields())
    .filter((f) => f.args.every((arg) => arg.defaultValue !== undefined || !String(arg.type).endsWith('!')))
    .map((f) => {
      const named = getNamedType(f.type);
      if (isLeafType(named)) return f.name;
      if (isObjectType(named) && depth === 0) return `${f.name} { ${selection(named, 1)} }`;
      return '';
    })
    .filter(Boolean)
    .join(' ');
}

interface Scenario {
  token(): Promise<string>;
  input(): Promise<Record<string, unknown>>;
}

type FeatureScenarios = { payloadScenarios(getApp: () => TestApp): Record<string, Scenario> };

/** Each feature's scenarios (test/<feature>/payload-scenarios.ts), by mutation name. */
const SCENARIOS: Record<string, Scenario> = Object.assign({}, ...features.map((f) => (require(path.join(__dirname, f.name, 'payload-scenarios')) as FeatureScenarios).payloadScenarios(() => app)));

it('has a scenario for every mutation of the schema', () => {
  expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(Object.keys(SCENARIOS).sort());
});

it.each(Object.keys(SCENARIOS))('%s answers every payload field without an error', async (name) => {
  const field = schema.getMutationType()!.getFields()[name];
  const inputType = String(field.args[0].type);
  const scenario = SCENARIOS[name];
  const input = await scenario.input();
  const res = await app.gql(`mutation($input: ${inputType}) { ${name}(input: $input) { ${selection(getNamedType(field.type) as GraphQLObjectType)} } }`, { input }, await scenario.token());
  expect(res.errors).toBeUndefined();
  expect(res.data[name].userErrors).toEqual([]);
  const results = Object.entries(res.data[name]).filter(([key]) => key !== 'userErrors');
  expect(results.some(([, value]) => value !== null)).toBe(true);
});
