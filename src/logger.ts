import pino, { Logger } from 'pino';

/** JSON logs with a request id; redaction is a second guard behind "never log tokens or bodies". */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'samvirke' },
    redact: { paths: ['req.headers.authorization', 'authorization', 'token', '*.token', 'password'], censor: '[redacted]' },
  });
}
