/**
 * `npm run test:ssb`: the tests on SSB's own published documents and files. SSB's KOSTRA test files
 * are committed (test/fixtures/ssb-kostra-kontrollprogram, MIT), so their tests also run in `npm test`;
 * SSB's KLASS 131 documents come from a mirror without a licence and are not committed: the KLASS test
 * (test/ssb/municipality-history-ssb.test.ts) runs only here, reading ../shared/klass-131 or
 * KLASS_131_DIR (a missing folder fails it by name). test/ssb/README.md says where to get them.
 */
const base = require('./jest.config');
module.exports = { ...base, testMatch: ['<rootDir>/test/ssb/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/'] };
