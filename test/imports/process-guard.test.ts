import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { processGuard } from '../../src/process-guard';

/**
 * The last line behind every stream's own error handling (`npm start` installs it for
 * 'uncaughtException' and 'unhandledRejection'): an error nobody handled is logged with its
 * stack, and nothing exits. (Errors inside a request are logged by the request's own logger, with
 * its id: test/logging.test.ts.)
 */
it('logs an error nobody handled, and does not exit', () => {
  const lines: any[] = [];
  const guard = processGuard(createLogger('info', new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) })));
  const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  try {
    guard.uncaughtException(new Error("Unhandled 'error' event"));
    guard.unhandledRejection(new Error('a promise nobody awaited'));
    guard.uncaughtException('not even an Error');
  } finally {
    exit.mockRestore();
  }
  expect(exit).not.toHaveBeenCalled();
  expect(lines.map((l) => [l.level, l.msg, l.err?.message ?? l.err, typeof l.err?.stack])).toEqual([
    [50, 'uncaught exception (a bug); the server keeps serving', "Unhandled 'error' event", 'string'],
    [50, 'unhandled promise rejection', 'a promise nobody awaited', 'string'],
    [50, 'uncaught exception (a bug); the server keeps serving', 'not even an Error', 'undefined'],
  ]);
});
