import { DataSource } from 'typeorm';
import { Principal, PUBLIC_PRINCIPAL, Role } from '../../src/auth/roles';
import { loadConfig } from '../../src/config';
import { consistencyOf, DbRouter } from '../../src/db/db-router';

/** The routing rules of DATABASE_READ_URL (src/db/db-router.ts), with a clock the test moves. */
const primary = new DataSource({ type: 'postgres', url: 'postgres://primary/db' });
const replica = new DataSource({ type: 'postgres', url: 'postgres://replica/db' });
const kari: Principal = { role: Role.REGION_ADMIN, subject: 'kari', regionId: 'r1' };
const ola: Principal = { role: Role.REGION_ADMIN, subject: 'ola', regionId: 'r1' };

function router(window = 5_000) {
  let now = 1_000_000;
  const r = new DbRouter(primary, replica, true, window, () => now);
  return { r, tick: (ms: number) => (now += ms), now: () => now };
}

describe('DbRouter', () => {
  it('without a replica, reads stay on the primary', () => {
    const r = new DbRouter(primary, undefined, true, 5_000);
    expect(r.forRead(kari, undefined)).toBe(primary);
    r.noteWrite(kari);
    expect(r.forRead(PUBLIC_PRINCIPAL, Date.now())).toBe(primary);
  });

  it('sends a principal’s reads to the primary for the window after its own write, others to the replica', () => {
    const { r, tick } = router();
    expect(r.forRead(kari, undefined)).toBe(replica);
    r.noteWrite(kari);
    expect(r.forRead(kari, undefined)).toBe(primary);
    expect(r.forRead(ola, undefined)).toBe(replica);
    tick(4_999);
    expect(r.forRead(kari, undefined)).toBe(primary);
    tick(1);
    expect(r.forRead(kari, undefined)).toBe(replica);
  });

  it('tells principals of different issuers apart', () => {
    const { r } = router();
    r.noteWrite({ ...kari, issuer: 'https://idp.a' });
    expect(r.forRead({ ...kari, issuer: 'https://idp.b' }, undefined)).toBe(replica);
    expect(r.forRead({ ...kari, issuer: 'https://idp.a' }, undefined)).toBe(primary);
  });

  it('honours a consistency value within the window (written on another API replica)', () => {
    const { r, now } = router();
    expect(r.forRead(ola, now() - 100)).toBe(primary);
    expect(r.forRead(ola, now() - 5_000)).toBe(replica);
    expect(r.forRead(PUBLIC_PRINCIPAL, now() - 100)).toBe(primary);
  });

  it('sends anonymous reads to the primary for the window after public data changed', () => {
    const { r, tick } = router();
    expect(r.forRead(PUBLIC_PRINCIPAL, undefined)).toBe(replica);
    r.notePublicChange();
    expect(r.forRead(PUBLIC_PRINCIPAL, undefined)).toBe(primary);
    expect(r.forRead(kari, undefined)).toBe(replica);
    tick(5_000);
    expect(r.forRead(PUBLIC_PRINCIPAL, undefined)).toBe(replica);
  });

  it('remembers at most 10,000 writers: the oldest is forgotten first (the memory does not grow with the principals seen)', () => {
    const { r } = router();
    for (let i = 0; i <= 10_000; i++) r.noteWrite({ ...kari, subject: `p${i}` });
    expect(r.forRead({ ...kari, subject: 'p0' }, undefined)).toBe(replica);
    expect(r.forRead({ ...kari, subject: 'p1' }, undefined)).toBe(primary);
    expect(r.forRead({ ...kari, subject: 'p10000' }, undefined)).toBe(primary);
  });

  it('reads the consistency header as a positive whole number of milliseconds, or not at all', () => {
    expect(consistencyOf('1733840000000')).toBe(1733840000000);
    for (const bad of [undefined, null, '', 'soon', '-5', '1.5', '0', '1e400']) expect(consistencyOf(bad)).toBeUndefined();
  });
});

describe('configuration of the connections (src/config.ts)', () => {
  const strong = 'q3V9s+0bXr4kLmT2yZp8HdNw1JcFa6GuE7iRoY5vKhQeSxCn/Wt0MzBlPfDgA4jUr2Ib';

  it('reads DATABASE_READ_URL, DATABASE_LISTEN_URL, DB_PREPARED_STATEMENTS and READ_YOUR_WRITES_MS, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({ readDatabaseUrl: undefined, listenDatabaseUrl: undefined, preparedStatements: true, readYourWritesMs: 5_000 });
    expect(
      loadConfig({
        DATABASE_READ_URL: 'postgres://samvirke_api:x@replica:5432/samvirke',
        DATABASE_LISTEN_URL: 'postgres://samvirke_api:x@db:5432/samvirke',
        DB_PREPARED_STATEMENTS: 'false',
        READ_YOUR_WRITES_MS: '2000',
      }),
    ).toMatchObject({
      readDatabaseUrl: 'postgres://samvirke_api:x@replica:5432/samvirke',
      listenDatabaseUrl: 'postgres://samvirke_api:x@db:5432/samvirke',
      preparedStatements: false,
      readYourWritesMs: 2_000,
    });
  });

  it('refuses a READ_YOUR_WRITES_MS that is not a positive whole number, and example passwords in the new URLs in production', () => {
    expect(() => loadConfig({ READ_YOUR_WRITES_MS: 'soon' })).toThrow('READ_YOUR_WRITES_MS must be a positive integer');
    for (const name of ['DATABASE_READ_URL', 'DATABASE_LISTEN_URL']) {
      expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: strong, [name]: 'postgres://samvirke_api:change-me-app@db:5432/samvirke' })).toThrow(`the password in ${name} is an example value`);
    }
  });
});
