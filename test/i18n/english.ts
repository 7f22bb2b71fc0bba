import { ImportProblem, problemMessage } from '../../src/services/imports/importer';

/**
 * Import problems as an English reader reads them (line, field, the rendered text): for tests of a
 * reader that assert the problems it reports before any boundary renders them (the key and params
 * themselves are what the reader returns; test/i18n checks both languages render from them).
 */
export const inEnglish = (problems: readonly ImportProblem[]) => problems.map((p) => ({ line: p.line, field: p.field, message: problemMessage('en', p) }));
