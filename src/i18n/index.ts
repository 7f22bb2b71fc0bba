/**
 * End-user messages in the reader's language: bokmål (`nb`, the default) and English (`en`); a
 * reader asking for nynorsk (`nn`) gets bokmål. Texts live in the catalogues (`nb.ts` is the
 * master: its keys are the `MessageKey` type, so a key without a bokmål text does not compile;
 * `en.ts` is typed against it, so a key without an English text does not compile either, and
 * test/i18n/catalogues.test.ts checks both at run time); i18next renders them with `{{name}}`
 * interpolation and plural forms (`key_one` / `key_other`, chosen by `count` through
 * Intl.PluralRules). A message is kept as a key and parameters until the boundary renders it in the
 * request's locale (the GraphQL `UserError.message`, an import's response, the CLI).
 */
import i18next, { TFunction } from 'i18next';
import { en } from './en';
import { nb } from './nb';

export const LOCALES = ['nb', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nb';

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
/** A catalogue key without its plural suffix (`x_one`, `x_other` → `x`). */
type BaseKey<K> = K extends `${infer B}_${PluralSuffix}` ? B : K;

/** Every message the API can show an end user: a key of the bokmål catalogue. */
export type MessageKey = BaseKey<keyof typeof nb>;

/**
 * What a message's text interpolates (`count` picks the plural form). Values are shown as they
 * are; a value that is itself a message (`{ key }`, e.g. a weekday) is rendered in the same language
 * first, and a list of messages becomes their texts, one after the other.
 */
export type MessageParams = Record<string, string | number | Message | Message[]>;

/** A message not yet rendered: what services, importers and the CLI hand to the boundary. */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

const instance = i18next.createInstance();
void instance.init({
  resources: { nb: { translation: nb }, en: { translation: en } },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  // Keys are flat ("plans.versionNotDraft"); the texts are plain text, not HTML.
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

const fixed = new Map<Locale, TFunction>(LOCALES.map((l) => [l, instance.getFixedT(l)]));

/** The text of `key` in `locale`, with `params` filled in. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return (fixed.get(locale) as (key: string, options?: object) => string)(key, params ? renderedParams(locale, params) : {});
}

/** The params with every nested message rendered in `locale`: what the text shows. */
export function renderedParams(locale: Locale, params: MessageParams): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) out[name] = value.map((m) => translate(locale, m.key, m.params)).join(' ');
    else out[name] = typeof value === 'object' ? translate(locale, value.key, value.params) : value;
  }
  return out;
}

/** `translate` of a message. */
export const render = (locale: Locale, message: Message): string => translate(locale, message.key, message.params);

/** True when `key` is a message key (a text in the bokmål catalogue, plain or with plural forms). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(nb, key) || Object.prototype.hasOwnProperty.call(nb, `${key}_other`);
}

/**
 * The locale an `Accept-Language` header asks for (RFC 9110 §12.5.4: ranges with q-values, the
 * highest first): `nb`/`no`/`nn`/`en` and their regional variants; undefined when it names none of
 * them (or there is no header, or only `*`): the deployment's default then (AppConfig.defaultLocale).
 */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale | undefined {
  if (!header) return undefined;
  const ranges = header
    .slice(0, 500)
    .split(',')
    .map((part, i) => {
      const [tag, ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(a)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.tag && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranges) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return undefined;
}

/** A request's language: what its Accept-Language header (one or several) asks for, else `fallback` (the deployment's default). */
export function requestLocale(header: string | string[] | undefined, fallback: Locale): Locale {
  return localeFromAcceptLanguage(Array.isArray(header) ? header.join(',') : header) ?? fallback;
}

/** `nb`, `no`, `nn` (bokmål for now), `en` with any region (`en-GB`, `nb-NO`) or encoding (`en_US.UTF-8`); otherwise undefined. */
export function localeOfTag(tag: string): Locale | undefined {
  const primary = tag.toLowerCase().split(/[-_.@]/)[0];
  if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * The locale of a command-line run: `--lang <locale>` / `--lang=<locale>` first, then the
 * environment as POSIX reads it (the first of LC_ALL, LC_MESSAGES, LANG that is set); `C`/`POSIX`, an
 * unknown language or nothing set is `fallback` (the deployment's default, bokmål unless configured).
 */
export function localeOfCli(lang: string | undefined, env: NodeJS.ProcessEnv, fallback: Locale = DEFAULT_LOCALE): Locale {
  if (lang) return localeOfTag(lang) ?? fallback;
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  return (value && localeOfTag(value)) || fallback;
}
