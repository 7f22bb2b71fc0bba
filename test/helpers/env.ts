/** Shared between globalSetup (parent process) and the test workers. */
export const TEST_ENV = {
  serverUrlVar: 'SAMVIRKE_TEST_PG_URL',
  templateDb: 'samvirke_template',
  appPassword: 'samvirke-test-app-password',
  jwtSecret: 'samvirke-test-jwt-secret-not-for-production',
};
