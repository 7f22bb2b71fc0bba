import { Role } from '../../src/auth/roles';
import { startTestApp, TestApp } from '../helpers/test-app';

/**
 * The BudgetOre scalar's refusals (a fraction, a string that is not digits, a fractional literal)
 * through the real server: BAD_USER_INPUT with rule `ore`, the message in bokmål by default and in
 * English on request; a variable names where in the variables the value was.
 */
let app: TestApp;
let leader: string;
beforeAll(async () => {
  app = await startTestApp({ defaultLocale: 'nb' });
  leader = await app.token(Role.SERVICE_LEADER, { service: 'barnevern' });
});
afterAll(() => app.close());

const UPDATE = `mutation($input: UpdatePlanMeasureInput!) { updatePlanMeasure(input: $input) { userErrors { code } } }`;
const measureId = Buffer.from('PlanMeasure:00000000-0000-4000-8000-000000000000').toString('base64url');
const withVariable = (budgetOre: unknown, acceptLanguage?: string) => app.gql(UPDATE, { input: { id: measureId, budgetOre } }, leader, { acceptLanguage });
const withLiteral = (acceptLanguage?: string) => app.gql(`mutation { updatePlanMeasure(input: { id: "${measureId}", budgetOre: 10.5 }) { userErrors { code } } }`, {}, leader, { acceptLanguage });

describe('a variable the scalar refuses', () => {
  it('is BAD_USER_INPUT with rule ore, in bokmål by default', async () => {
    const fraction = await withVariable(12.5);
    expect(fraction.data).toBeUndefined();
    expect(fraction.errors).toEqual([
      {
        message: 'variables: verdien i $input.budgetOre er ugyldig: BudgetOre: 12.5 er ikke et helt antall øre (ingen desimaler: 12,50 kr er 1250).',
        extensions: { code: 'BAD_USER_INPUT', field: 'variables', rule: 'ore' },
      },
    ]);
    expect((await withVariable('kr 100')).errors?.[0].message).toBe(
      'variables: verdien i $input.budgetOre er ugyldig: BudgetOre: «kr 100» er ikke et helt antall øre (bare sifre, eventuelt med «-» foran).',
    );
    expect((await withVariable(true)).errors?.[0].message).toBe('variables: verdien i $input.budgetOre er ugyldig: BudgetOre: venter et heltall (Int) eller en streng av sifre.');
    expect((await withVariable('99999999999999999999')).errors?.[0].message).toMatch(/^variables: verdien i \$input\.budgetOre er ugyldig: BudgetOre: «99999999999999999999» er ikke/);
  });

  it('is in English on Accept-Language: en, with the same code, field and rule', async () => {
    const fraction = await withVariable(12.5, 'en');
    expect(fraction.errors).toEqual([
      {
        message: 'variables: the value at $input.budgetOre is not valid: BudgetOre: 12.5 is not a whole number of øre (no fractions: 12.50 kr is 1250).',
        extensions: { code: 'BAD_USER_INPUT', field: 'variables', rule: 'ore' },
      },
    ]);
    expect((await withVariable('9223372036854775808', 'en')).errors?.[0].message).toBe('variables: the value at $input.budgetOre is not valid: BudgetOre: is out of range (64-bit).');
  });
});

describe('a literal the scalar refuses', () => {
  it('says so in bokmål by default and in English on request, and carries no message key for the boundary', async () => {
    const nb = await withLiteral();
    const en = await withLiteral('en');
    expect(nb.errors?.[0].message).toBe('BudgetOre: 10.5 er ikke et helt antall øre.');
    expect(en.errors?.[0].message).toBe('BudgetOre: 10.5 is not a whole number of øre.');
    // A literal is judged while the document is validated: Apollo's code for that, with the scalar's rule.
    expect(nb.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', rule: 'ore' });
    expect(nb.errors?.[0].extensions).not.toHaveProperty('i18nMessage');
  });
});
