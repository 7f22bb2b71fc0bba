import { Writable } from 'node:stream';
import { createLogger, requestLogContext } from '../../src/logger';
import { processGuard } from '../../src/process-guard';

/**
 * The last line behind every stream's own error handling (`npm start` installs it for
 * 'uncaughtException' and 'unhandledRejection'): an error nobody handled is logged with the id of
 * the request in whose async context it was thrown, and nothing exits.
 */
it('logs an error nobody handled with its request id, and does not exit', () => {
  const lines: any[] = [];
  const guard = processGuard(createLogger('info', new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) })));
  const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  try {
    requestLogContext.run({ requestId: 'req-17' }, () => guard.uncaughtException(new Error("Unhandled 'error' event")));
    requestLogContext.run({ requestId: 'req-18' }, () => guard.unhandledRejection(new Error('a promise nobody awaited')));
    guard.uncaughtException('not even an Error');
  } finally {
    exit.mockRestore();
  }
  expect(exit).not.toHaveBeenCalled();
  expect(lines.map((l) => [l.level, l.requestId, l.msg, l.err?.message ?? l.err])).toEqual([
    [50, 'req-17', 'uncaught exception (a bug); the server keeps serving', "Unhandled 'error' event"],
    [50, 'req-18', 'unhandled promise rejection', 'a promise nobody awaited'],
    [50, undefined, 'uncaught exception (a bug); the server keeps serving', 'not even an Error'],
  ]);
});
