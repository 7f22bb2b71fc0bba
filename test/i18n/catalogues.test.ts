import { en } from '../../src/i18n/en';
import { nb } from '../../src/i18n/nb';
import { isMessageKey, localeFromAcceptLanguage, localeOfCli, translate } from '../../src/i18n';
import { loadConfig } from '../../src/config';

/**
 * The catalogues (src/i18n): every key has a bokmål and an English text (the types say so at
 * compile time; this says so at run time, for a catalogue edited without the compiler), the texts
 * interpolate only what the English one names, and plural forms come in pairs.
 */
const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]));
const PLURAL = /_(zero|one|two|few|many|other)$/;

describe('the catalogues', () => {
  const nbKeys = Object.keys(nb).sort();
  const enKeys = Object.keys(en).sort();

  it('have the same keys: a key without a bokmål or an English text fails here', () => {
    expect(nbKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !nbKeys.includes(k))).toEqual([]);
    expect(nbKeys.length).toBeGreaterThan(250);
  });

  it('have a text for every key (not blank, no leftover English marker in bokmål)', () => {
    const texts = (c: Record<string, string>) => Object.entries(c);
    expect(texts(nb as Record<string, string>).filter(([, t]) => typeof t !== 'string' || !t.trim())).toEqual([]);
    expect(texts(en).filter(([, t]) => typeof t !== 'string' || !t.trim())).toEqual([]);
    // A bokmål text copied from English unchanged is a missing translation (texts that are only placeholders or codes excepted).
    const same = nbKeys.filter(
      (k) => (nb as Record<string, string>)[k] === (en as Record<string, string>)[k] && /[a-z]{3,} [a-z]{3,}/.test((en as Record<string, string>)[k].replace(/\{\{\w+\}\}/g, '')),
    );
    expect(same).toEqual([]);
  });

  it('interpolate in bokmål only what the English text names, with well-formed placeholders', () => {
    const extra = nbKeys.filter((k) => [...placeholders((nb as Record<string, string>)[k])].some((p) => !placeholders((en as Record<string, string>)[k]).has(p)));
    expect(extra).toEqual([]);
    const broken = [...nbKeys.map((k) => (nb as Record<string, string>)[k]), ...enKeys.map((k) => (en as Record<string, string>)[k])].filter(
      (t) => (t.match(/\{\{/g) ?? []).length !== (t.match(/\}\}/g) ?? []).length,
    );
    expect(broken).toEqual([]);
  });

  it('give every plural key its one and other forms, in both languages', () => {
    const bases = new Set(nbKeys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
    const incomplete = [...bases].filter((b) => !nbKeys.includes(`${b}_one`) || !nbKeys.includes(`${b}_other`) || !enKeys.includes(`${b}_one`) || !enKeys.includes(`${b}_other`));
    expect(incomplete).toEqual([]);
    expect([...bases].every((b) => isMessageKey(b))).toBe(true);
  });
});

describe('translate', () => {
  it('renders bokmål and English with params, and picks the plural form by count (Intl.PluralRules)', () => {
    expect(translate('nb', 'reference.regionCodeAlreadyExists', { code: 'x' })).toBe('Det finnes allerede en region med koden «x».');
    expect(translate('en', 'reference.regionCodeAlreadyExists', { code: 'x' })).toBe('A region with code "x" already exists.');
    expect(translate('nb', 'imports.moreProblems', { count: 1 })).toBe('… og 1 problem til som ikke er listet opp.');
    expect(translate('nb', 'imports.moreProblems', { count: 7 })).toBe('… og 7 problemer til som ikke er listet opp.');
    expect(translate('en', 'imports.moreProblems', { count: 1 })).toBe('… and 1 more problem not listed.');
    expect(translate('en', 'imports.moreProblems', { count: 7 })).toBe('… and 7 more problems not listed.');
  });

  it('renders a nested message in the same language, and a list of them one after the other', () => {
    const window = { window: '2031-AUTUMN', count: 2, possible: 1, weekdays: { key: 'fora.weekdays.MONDAY' as const } };
    expect(translate('nb', 'fora.tooFewFreeDays', window)).toBe('2031-AUTUMN trenger 2 møter til, men bare 1 mandager er ledige. Utelat færre datoer eller velg en annen ukedag.');
    expect(translate('en', 'fora.tooFewFreeDays', window)).toContain('only 1 free Mondays remain');
    const missing = [{ key: 'plans.legal.noGoals' as const }, { key: 'plans.legal.noCooperation' as const }];
    expect(translate('nb', 'plans.confirmIncompleteSubmission', { reference: '§ 15-1', missing })).toContain(
      'krever: Planen har ingen mål: den må si hva målene for det forebyggende arbeidet er. Planen sier ikke',
    );
  });

  it('shows values as they are: no HTML escaping of a name with < or &', () => {
    expect(translate('en', 'reference.regionCodeAlreadyExists', { code: 'a<b&c' })).toBe('A region with code "a<b&c" already exists.');
  });
});

describe('the language of a request', () => {
  it('comes from Accept-Language by q-value: nb, no and nn are bokmål, en English; nothing we have = the default', () => {
    expect(localeFromAcceptLanguage('en')).toBe('en');
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('nb-NO,nb;q=0.9,en;q=0.8')).toBe('nb');
    expect(localeFromAcceptLanguage('nn')).toBe('nb');
    expect(localeFromAcceptLanguage('no')).toBe('nb');
    expect(localeFromAcceptLanguage('de, en;q=0.5')).toBe('en');
    expect(localeFromAcceptLanguage('en;q=0.2, nb;q=0.8')).toBe('nb');
    expect(localeFromAcceptLanguage('en;q=0, nb;q=0.1')).toBe('nb');
    expect(localeFromAcceptLanguage('fr')).toBeUndefined();
    expect(localeFromAcceptLanguage('*')).toBeUndefined();
    expect(localeFromAcceptLanguage(undefined)).toBeUndefined();
    expect(localeFromAcceptLanguage(`${'x'.repeat(100000)},en`)).toBeUndefined();
  });

  it('of the CLI comes from --lang, then LC_ALL / LC_MESSAGES / LANG; C or nothing is the default', () => {
    expect(localeOfCli('en', { LANG: 'nb_NO.UTF-8' })).toBe('en');
    expect(localeOfCli(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(localeOfCli(undefined, { LC_ALL: 'nb_NO.UTF-8', LANG: 'en_US.UTF-8' })).toBe('nb');
    expect(localeOfCli(undefined, { LANG: 'C.UTF-8' })).toBe('nb');
    expect(localeOfCli(undefined, {})).toBe('nb');
    expect(localeOfCli(undefined, {}, 'en')).toBe('en');
  });

  it('defaults to bokmål in a deployment; DEFAULT_LANGUAGE=en changes it, anything else refuses to start', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).defaultLocale).toBe('nb');
    expect(loadConfig({ NODE_ENV: 'test', DEFAULT_LANGUAGE: 'en' }).defaultLocale).toBe('en');
    expect(() => loadConfig({ NODE_ENV: 'test', DEFAULT_LANGUAGE: 'de' })).toThrow('DEFAULT_LANGUAGE must be one of nb, en');
  });
});
