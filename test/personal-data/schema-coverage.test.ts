import { getNamedType, GraphQLString, isInputObjectType, isListType, isNonNullType, GraphQLInputType, GraphQLObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { served } from '../../src/features';
import { buildAppSchema } from '../../src/schema/build';
import { PassThrough } from 'node:stream';
import { freeTextFields, personalDataInInput } from '../../src/services/personal-data';
import { englishMessage } from '../../src/services/user-errors';

/**
 * Every String field of every input type of the built schema refuses a national identity number
 * through the one guard `defineMutation` applies (personalDataInInput), or is listed below as not
 * free text by design, with the reason. A new input field written without the shared text
 * decorators fails here until it gets one (or a reason).
 */

/** Fields whose format cannot hold an 11-digit number or text: the reason is the shape the input class enforces. */
const NOT_FREE_TEXT: Record<string, string> = {
  'AccountRangeInput.funksjon': 'KOSTRA funksjon: exactly three digits',
  'AccountRangeInput.artFrom': 'KOSTRA art: exactly three digits',
  'AccountRangeInput.artTo': 'KOSTRA art: exactly three digits',
  'CreateCostAlertRuleInput.municipalityNumber': 'kommunenummer: four digits (@IsKommunenummer)',
  'CreateForumInput.municipalityNumber': 'kommunenummer: four digits (@IsKommunenummer)',
  'PrepareStateReportInput.municipalityNumber': 'kommunenummer: four digits (@IsKommunenummer)',
  'CreateStrategicPlanInput.municipalityNumbers': 'list of kommunenummer, each four digits',
  'UpdateStrategicPlanInput.municipalityNumbers': 'list of kommunenummer, each four digits',
  'CreateUnitInput.municipalityNumber': 'kommunenummer: four digits (@IsKommunenummer)',
  'AddRegionMunicipalityInput.number': 'kommunenummer: four digits (@IsKommunenummer)',
  'GrantRoleInput.validFrom': 'a date YYYY-MM-DD (@Matches)',
  'GrantRoleInput.validTo': 'a date YYYY-MM-DD (@Matches)',
  'CreateSharedServiceInput.hostMunicipalityNumber': 'kommunenummer: four digits (@IsKommunenummer)',
  'MeasureResponsibleInput.municipalityNumber': 'kommunenummer: four digits (@IsKommunenummer)',
  'PlanBodyMemberInput.municipalityNumber': 'kommunenummer: four digits (@IsKommunenummer)',
  'RecordPlanAdoptionInput.municipalityNumber': 'kommunenummer: four digits (@IsKommunenummer)',
  'RecordMunicipalMilestoneProgressInput.municipalityNumber': 'kommunenummer: four digits (@IsKommunenummer)',
  'SetCostAlertWebhookInput.municipalityNumber': 'kommunenummer: four digits (@IsKommunenummer)',
  'SetMeasureImplementationInput.municipalityNumber': 'kommunenummer: four digits (@IsKommunenummer)',
  'SetServiceOwnershipInput.ownerMunicipalityNumbers': 'list of kommunenummer, each four digits',
  'GenerateForumScheduleInput.startTime': 'local time HH:MM',
  'GenerateForumScheduleInput.term': 'a term such as "2031-AUTUMN"',
  'PrepareCostReportInput.period': 'a month YYYY-MM',
  'SetForumTermsInput.autumnStart': 'month-day MM-DD',
  'SetForumTermsInput.autumnEnd': 'month-day MM-DD',
  'SetForumTermsInput.springStart': 'month-day MM-DD',
  'SetForumTermsInput.springEnd': 'month-day MM-DD',
};

/** A valid fødselsnummer by the classic rule, written with a hyphen as pasted from a form. */
function fnrText(): string {
  const nine = '150765005';
  for (let k = 0; k < 100; k++) {
    const n = `${nine}${String(k).padStart(2, '0')}`;
    const d = [...n].map(Number);
    const ok = [
      [3, 7, 6, 1, 8, 9, 4, 5, 2, 1],
      [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1],
    ].every((w) => w.reduce((s, x, i) => s + x * d[i], 0) % 11 === 0);
    if (ok) return `Gjelder ${n.slice(0, 6)}-${n.slice(6)}`;
  }
  throw new Error('no check digits');
}

const isStringField = (type: GraphQLInputType) => getNamedType(type) === GraphQLString;
const isList = (type: GraphQLInputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

it('every String input field refuses a national identity number, or is listed as not free text with a reason', async () => {
  const schema = await buildAppSchema(served.schema);
  const classes = new Map(getMetadataStorage().inputTypes.map((t) => [t.name, t.target]));
  const text = fnrText();
  const checked: string[] = [];
  const missed: string[] = [];
  const seen = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isStringField(field.type)) continue;
      const name = `${type.name}.${field.name}`;
      seen.add(name);
      if (NOT_FREE_TEXT[name]) continue;
      const Input = classes.get(type.name);
      expect([name, Input !== undefined]).toEqual([name, true]);
      // What type-graphql hands the resolver: an instance of the input class.
      const input = Object.assign(Object.create(Input!.prototype), { [field.name]: isList(field.type) ? ['Ingen', text] : text });
      const errors = personalDataInInput(input);
      const expected = isList(field.type) ? ['input', field.name, '1'] : ['input', field.name];
      if (errors.length === 1 && errors[0].code === 'PERSONAL_DATA' && errors[0].field.join('.') === expected.join('.') && !englishMessage(errors[0]).includes('00565')) checked.push(name);
      else missed.push(name);
    }
  }
  expect(missed).toEqual([]);
  expect(checked.length).toBeGreaterThan(100);
  // No stale exclusions: each names a String input field that exists.
  expect(Object.keys(NOT_FREE_TEXT).filter((name) => !seen.has(name))).toEqual([]);
});

it('nested inputs and lists are walked: the path names the item', async () => {
  const schema = await buildAppSchema(served.schema);
  const classes = new Map(getMetadataStorage().inputTypes.map((t) => [t.name, t.target]));
  const make = (name: string, values: object) => Object.assign(Object.create(classes.get(name)!.prototype), values);
  expect(schema.getType('RecordForumMeetingInput')).toBeDefined();
  const input = make('RecordForumMeetingInput', {
    minutes: 'Ingen',
    caseItems: [make('CaseItemInput', { label: 'Elev, 5. trinn' }), make('CaseItemInput', { label: 'Elev', summary: fnrText() })],
    agenda: [make('AgendaItemInput', { title: fnrText() })],
  });
  expect(
    personalDataInInput(input)
      .map((e) => e.field.join('.'))
      .sort(),
  ).toEqual(['input.agenda.0.title', 'input.caseItems.1.summary']);
});

it('the walk reaches every nested input: an input type without free text of its own holds no nested input objects', async () => {
  // freeTextViolations descends only into plain objects and instances of classes with free-text
  // fields (so never into a request stream or a Date); a wrapper input without free text of its own
  // would hide the fields of the inputs inside it.
  const schema = await buildAppSchema(served.schema);
  const classes = new Map(getMetadataStorage().inputTypes.map((t) => [t.name, t.target]));
  const hidden: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type) || type.name.startsWith('__')) continue;
    const Input = classes.get(type.name);
    if (Input && freeTextFields(Object.create(Input.prototype)).length) continue;
    for (const field of Object.values(type.getFields())) if (isInputObjectType(getNamedType(field.type))) hidden.push(`${type.name}.${field.name}`);
  }
  expect(hidden).toEqual([]);
});

it("an input holding something else than input objects (an import's request stream, a cycle) is walked safely", () => {
  const cyclic: Record<string, unknown> = { note: 'x' };
  cyclic.self = cyclic;
  const stream = new PassThrough();
  expect(personalDataInInput({ source: stream, cyclic, when: new Date() })).toEqual([]);
});

it('every mutation takes its data as one `input` argument, the one the guard walks', async () => {
  const schema = await buildAppSchema(served.schema);
  const mutation = schema.getMutationType() as GraphQLObjectType;
  const others = Object.values(mutation.getFields()).filter((f) => f.args.some((a) => a.name !== 'input' && isStringField(a.type)));
  expect(others.map((f) => f.name)).toEqual([]);
});
