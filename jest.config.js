/** Tests run against one embedded PostgreSQL (started in globalSetup); each test file gets its own database. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // SSB's KLASS 131 documents are not in this repository (no licence to redistribute them): that test
  // runs in `npm run test:ssb` only. SSB's KOSTRA test files are committed, so test/ssb/kostra-* run here.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/ssb/municipality-history-ssb.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  maxWorkers: 2,
  testTimeout: 30000,
};
