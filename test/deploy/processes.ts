import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

/** The compiled processes of a deployment (dist/), spawned as an operator would start them. */
export const root = path.resolve(__dirname, '../..');

/** Compiles src/, migrations/ and scripts/ into dist/ (a type error fails the build, and so the test). */
export function build(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
}

/** The password the deploy tests give the worker role (roles are shared by the whole test cluster). */
export const WORKER_TEST_PASSWORD = 'samvirke-test-worker-password';

export interface Spawned {
  child: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
}

const children: ChildProcess[] = [];

/** `node dist/<entry>` with exactly `env` (plus PATH/HOME): nothing of the test's own environment leaks in. */
export function spawnDist(entry: string, env: Record<string, string>): Spawned {
  let output = '';
  const child = spawn(process.execPath, [path.join('dist', entry)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

/** Stops every process a test left running (a failed assertion must not leave one behind). */
export async function killAll(): Promise<void> {
  const running = children.splice(0).filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.map(
      (c) =>
        new Promise<void>((resolve) => {
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
          setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
}

/** Waits until `check` holds (polling), or fails naming `what` with the processes' output. */
export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 30_000, output?: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${output ? `:\n${output()}` : ''}`);
}
