/**
 * `npm run test:ssb`: the tests that read SSB's own published documents and test files (KLASS 131,
 * KOSTRA 15F and accounting test files). They are SSB's, not ours, so they are not in this
 * repository: they are read from ../shared (beside the checkout) or from KLASS_131_DIR and
 * KOSTRA_TESTFILES_DIR; a missing file fails its test by name. test/ssb/README.md says where to get them.
 */
const base = require('./jest.config');
module.exports = { ...base, testMatch: ['<rootDir>/test/ssb/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/'] };
