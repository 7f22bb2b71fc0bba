import { BENCH_USAGE, benchCli, BenchSettings } from '../../bench/run';
import { SCENARIOS } from '../../bench/scenarios';
import { runCheckPersonalData } from '../../scripts/check-personal-data';
import { runToken } from '../../scripts/token';

/**
 * The command-line tools behave like command-line tools: `--help` prints the usage on stdout and
 * exits 0, a wrong option or argument is one line saying what, then the usage, on stderr, exit 2 —
 * and neither starts anything (no server, no database, no benchmark). `npm run import` is covered in
 * its own tests (test/reference/population-import.test.ts); the database paths of token and
 * check:personal-data in test/token.test.ts and test/personal-data/check-cli.test.ts.
 */

/** Runs `npm run bench`'s command with the given arguments; `started` lists the runs it began. */
async function bench(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const started: BenchSettings[] = [];
  const code = await benchCli(argv, env, { log: (t) => stdout.push(t), error: (t) => stderr.push(t) }, async (settings) => {
    started.push(settings);
    return 0;
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n'), started };
}

/** A usage error: exactly one line saying what is wrong, then the usage. */
function expectUsageError(stderr: string, firstLine: RegExp, usageStart: string) {
  const [line, ...rest] = stderr.split('\n');
  expect(line).toMatch(firstLine);
  expect(rest.join('\n').startsWith(usageStart)).toBe(true);
}

describe('npm run bench', () => {
  it.each([[['--help']], [['-h']], [['--help', '--help']]])('%j: the usage on stdout, exit 0, nothing started', async (argv) => {
    const run = await bench(argv);
    expect(run).toEqual({ code: 0, stdout: BENCH_USAGE, stderr: '', started: [] });
    expect(BENCH_USAGE).toMatch(/^usage: npm run bench/);
    // The usage documents every variable and the exit codes.
    for (const name of [
      'BENCH_SECONDS',
      'BENCH_WARMUP_REQUESTS',
      'BENCH_CONNECTIONS',
      'BENCH_SCENARIOS',
      'BENCH_PARTS',
      'BENCH_HOSTILE_REPEAT',
      'BENCH_HOSTILE_REQUESTS',
      'BENCH_HOSTILE_CONNECTIONS',
      'BENCH_HOSTILE_IDLE_SECONDS',
    ]) {
      expect(BENCH_USAGE).toContain(name);
    }
    expect(BENCH_USAGE).toMatch(/exit code: 0 done, 1 .*\n2 usage .*, 130 interrupted/);
  });

  it.each([
    [['--bogus'], /^Unknown option '--bogus'/],
    [['-x'], /^Unknown option '-x'/],
    [['results.json'], /^Unexpected argument 'results\.json'/],
    [['--help=yes'], /^Option '-h, --help' does not take an argument$/],
    [['--help', 'now'], /^Unexpected argument 'now'/],
  ])('%j: one line and the usage on stderr, exit 2, nothing started', async (argv, message) => {
    const run = await bench(argv);
    expect([run.code, run.stdout, run.started]).toEqual([2, '', []]);
    expectUsageError(run.stderr, message, BENCH_USAGE);
  });

  it.each([
    [{ BENCH_SECONDS: 'abc' }, /^BENCH_SECONDS must be a positive integer, got "abc"$/],
    [{ BENCH_CONNECTIONS: '0' }, /^BENCH_CONNECTIONS must be a positive integer, got "0"$/],
    [{ BENCH_HOSTILE_IDLE_SECONDS: '1.5' }, /^BENCH_HOSTILE_IDLE_SECONDS must be a positive integer, got "1\.5"$/],
    [{ BENCH_SCENARIOS: 'viewer,nope' }, /^unknown scenario\(s\) in BENCH_SCENARIOS: nope; known: /],
    [{ BENCH_PARTS: 'scenarios,everything' }, /^unknown part\(s\) in BENCH_PARTS: everything; known: scenarios, documents, traffic, uploads$/],
  ])('a wrong value %j is a usage error before anything starts (exit 2)', async (env, message) => {
    const run = await bench([], env);
    expect([run.code, run.stdout, run.started]).toEqual([2, '', []]);
    expectUsageError(run.stderr, message, BENCH_USAGE);
  });

  it('without arguments starts the run, with the BENCH_* variables or the defaults', async () => {
    const defaults = await bench([]);
    expect([defaults.code, defaults.stdout, defaults.stderr, defaults.started.length]).toEqual([0, '', '', 1]);
    expect(defaults.started[0]).toMatchObject({ seconds: 8, warmupRequests: 200, connections: 10, hostileRepeat: 20, hostileRequests: 12000, hostileConnections: 10, hostileIdleSeconds: 60 });
    expect(defaults.started[0].scenarios).toEqual(SCENARIOS);
    expect([...defaults.started[0].parts]).toEqual(['scenarios', 'documents', 'traffic', 'uploads']);

    const [first, second] = SCENARIOS.map((s) => s.name);
    const set = await bench([], { BENCH_SECONDS: '2', BENCH_CONNECTIONS: '3', BENCH_SCENARIOS: ` ${second}, ${first} `, BENCH_PARTS: 'documents,uploads', BENCH_HOSTILE_REQUESTS: '50' });
    expect(set.code).toBe(0);
    expect(set.started[0]).toMatchObject({ seconds: 2, connections: 3, hostileRequests: 50, warmupRequests: 200 });
    expect(set.started[0].scenarios.map((s) => s.name)).toEqual([first, second]);
    expect([...set.started[0].parts]).toEqual(['documents', 'uploads']);
  });

  it('passes the run’s exit code on', async () => {
    const failed = await benchCli([], {}, { log: () => undefined, error: () => undefined }, async () => 1);
    expect(failed).toBe(1);
  });
});

describe('npm run token', () => {
  it.each([[['--help']], [['-h']], [['--role', 'REGION_ADMIN', '--help']]])('%j: the usage on stdout, exit 0, no token', async (argv) => {
    const run = await runToken(argv, {});
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^usage: npm run -s token -- --person SUBJECT .*\n\s+npm run -s token -- --role ROLE .*\n[^]*\nexit code: 0 signed .*, 1 refused, 2 usage$/);
  });

  it.each([
    [['--bogus'], /^Unknown option '--bogus'/],
    [['--role', 'REGION_ADMIN', '--kommune', '3429'], /^Unknown option '--kommune'/],
    [['--role'], /^Option '--role <value>' argument missing$/],
    [['REGION_ADMIN'], /^Unexpected argument 'REGION_ADMIN'/],
  ])('%j: one line and the usage on stderr, exit 2', async (argv, message) => {
    const run = await runToken(argv, {});
    expect([run.code, run.stdout]).toEqual([2, '']);
    expectUsageError(run.stderr, message, 'usage: npm run -s token -- ');
  });
});

describe('npm run check:personal-data', () => {
  it.each([[['--help']], [['-h']], [['--table', 'unit', '--help']]])('%j: the usage on stdout, exit 0, nothing read', async (argv) => {
    // No DATABASE_URL and no running server: reaching the database would start one (and say so on stderr).
    const run = await runCheckPersonalData(argv, { DATA_DIR: '/nonexistent/samvirke-tooling-test' });
    expect(run).toEqual({ code: 0, stdout: expect.stringMatching(/^usage: npm run check:personal-data .*\n[^]*\nexit code: 0 nothing found, 1 found, 2 usage or connection error$/), stderr: '' });
  });

  it.each([
    [['--bogus'], /^Unknown option '--bogus'/],
    [['--table'], /^Option '--table <value>' argument missing$/],
    [['unit'], /^Unexpected argument 'unit'/],
  ])('%j: one line and the usage on stderr, exit 2', async (argv, message) => {
    const run = await runCheckPersonalData(argv, { DATA_DIR: '/nonexistent/samvirke-tooling-test' });
    expect([run.code, run.stdout]).toEqual([2, '']);
    expectUsageError(run.stderr, message, 'usage: npm run check:personal-data ');
  });
});
