import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';

/** Per-request statement counter, attached to a QueryRunner's `data`. */
export interface StatementCounter {
  statements: number;
  log?: string[];
}

/**
 * TypeORM logger that counts every statement a request's QueryRunner sends. Tests assert these
 * counts (N+1 guard); the dev server returns them in `extensions.sqlStatements`.
 */
export class CountingLogger extends AbstractLogger {
  logQuery(query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    const counter = queryRunner?.data?.counter as StatementCounter | undefined;
    if (!counter) return;
    counter.statements += 1;
    counter.log?.push(query);
  }

  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[], _queryRunner?: QueryRunner): void {
    // Query text is not logged: it may carry personal data in parameters.
  }
}
