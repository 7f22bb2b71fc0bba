/** Tests run against one embedded PostgreSQL (started in globalSetup); each test file gets its own database. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // test/ssb runs SSB's own published files, which are not in this repository: `npm run test:ssb`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/ssb/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  maxWorkers: 2,
  testTimeout: 30000,
};
