import { Readable } from 'node:stream';
import express, { Request, Response } from 'express';
import { badInput, notFound } from '../errors';
import { localeOf } from '../context';
import { Importer, readerFor, renderImportResult } from '../services/imports/importer';
import { ImportFormat, runImport } from '../services/imports/run';
import { requireOperation } from '../services/access';
import { importOperation } from '../services/operations';
import { ImportSlots, importsBusy } from './import-slots';
import { RouteDeps } from './request-context';
import { sendRouteError } from './route-errors';

const FORMATS: Record<string, ImportFormat> = { 'text/csv': 'csv', 'application/csv': 'csv', 'text/plain': 'csv', 'application/json': 'json' };

/** How long an answer waits for the rest of an upload it will not read (see uploadBody). */
const DRAIN_MS = 10_000;

/**
 * The request body as a stream the import may destroy (stream.pipeline does when a stage fails)
 * without destroying the request. When the import stops early (a file unreadable at line 3), the
 * rest of the upload is read and dropped, so that the answer reaches a client that is still
 * sending: closing a socket with unread data resets it, and the client would see a reset instead
 * of the 422. Every error of the request ends the import with that error.
 */
function uploadBody(req: Request): { body: Readable; bytes: () => number; started: () => boolean } {
  let bytes = 0;
  let started = false;
  let detached = false;
  // Attached when the import first reads: nothing is read before the role check.
  const start = () => {
    started = true;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (!detached && !body.push(chunk)) req.pause();
    });
    req.on('end', () => {
      if (!detached) body.push(null);
    });
    req.on('error', (error) => {
      if (!detached) body.destroy(error);
    });
    req.on('close', () => {
      if (!detached && !req.complete) body.destroy(new Error('the upload was cut off before its end'));
    });
  };
  const body = new Readable({
    read: () => {
      if (!started) start();
      req.resume();
    },
    destroy: (error, done) => {
      detached = true;
      req.resume(); // from now on read and dropped
      done(error);
    },
  });
  return { body, bytes: () => bytes, started: () => started };
}

/**
 * Before answering an upload the import began to read but did not read to its end: read and drop
 * the rest while it is within the limit (and DRAIN_MS), so that the client gets the answer. An
 * upload refused before it was read (401, 403, 415, a declared size over the limit), or one that
 * goes on past the limit, is answered at once, and the answer
 * closes the connection (as body-parser does): the rest is never read, so the connection cannot
 * carry another request.
 */
async function settleUpload(req: Request, res: Response, upload: { bytes: () => number; started: () => boolean }, limit: number): Promise<void> {
  const declared = Number(req.header('content-length') ?? NaN);
  if (upload.started() && !req.complete && !req.destroyed && !(declared > limit)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        req.off('data', check);
        req.off('end', done);
        req.off('close', done);
        resolve();
      };
      const check = () => {
        if (upload.bytes() > limit) done();
      };
      const timer = setTimeout(done, DRAIN_MS);
      req.on('data', check);
      req.once('end', done);
      req.once('close', done);
      check();
    });
  }
  if (!req.complete) res.setHeader('connection', 'close');
}

/**
 * `POST /imports/<kind>[?dryRun=true]` with the file as the body (`Content-Type: text/csv` or
 * `application/json`) and a bearer token: the same code path as `npm run import`. 200 with the
 * result (what changed, or with `dryRun` what would change); 422 when the file breaks a rule or is
 * not readable as CSV / JSON (`problems` with line and field; nothing changed); 413 when it is larger
 * than IMPORT_LIMIT_MB (declared or counted); 401/403 before a byte is read when the caller may not
 * import this kind. An upload the client cuts off ends this request only: rolled back, logged, no
 * answer (nobody is there to read it). While this process already runs IMPORT_CONCURRENCY imports,
 * an upload waits up to IMPORT_SLOT_WAIT_MS for a slot, then gets 503 with Retry-After; nothing of it is read meanwhile. `importers`: every feature's (src/features/data.ts).
 */
export function importRouter(deps: RouteDeps, importers: Importer<any>[]): express.Router {
  const router = express.Router();
  const slots = new ImportSlots(deps.config.importConcurrency, deps.config.importSlotWaitMs);
  router.post('/:kind', async (req: Request, res: Response) => {
    let ctx;
    let release: (() => void) | null = null;
    const socket = req.socket;
    const upload = uploadBody(req);
    const { body } = upload;
    const limit = deps.config.importLimitBytes;
    try {
      const importer = importers.find((i) => i.kind === req.params.kind);
      if (!importer) throw notFound({ key: 'imports.notFound.kind', params: { kind: String(req.params.kind).slice(0, 40), known: importers.map((i) => i.kind).join(', ') } });
      const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
      // The importer's own formats first (an ERP's CSV in Windows-1252 is text/csv too), then CSV/JSON.
      const format = readerFor(importer, { contentType: type })?.name ?? FORMATS[type];
      if (!format)
        throw badInput(
          'Content-Type',
          'format',
          { key: 'imports.errors.contentType', params: { types: [...new Set([...(importer.readers ?? []).flatMap((r) => r.contentTypes), 'text/csv', 'application/json'])].join(', ') } },
          415,
        );
      const dryRun = ['1', 'true', 'yes'].includes(String(req.query.dryRun ?? '').toLowerCase());
      const length = req.header('content-length');
      ctx = await deps.context(req, res);
      // After the caller may import this kind (a stranger gets 401, not 503; runImport asks again), before a byte of the file is read.
      requireOperation(ctx, importer.roles, importOperation(importer.kind), importer.action);
      release = await slots.take();
      // Its Retry-After comes from the error's retryAfterSeconds (route-errors.ts), as every refusal's does.
      if (!release) throw importsBusy(slots.max);
      const result = await runImport(ctx, importer, body, {
        format,
        dryRun,
        fileName: typeof req.query.fileName === 'string' ? req.query.fileName.slice(0, 200) : undefined,
        maxBytes: limit,
        limitName: 'IMPORT_LIMIT_MB',
        declaredBytes: length === undefined ? undefined : Number(length),
      });
      await ctx.db.finish(true);
      body.destroy();
      await settleUpload(req, res, upload, limit);
      // Problems and warnings in the request's language (Accept-Language), each with its key and params.
      res.status(result.problems.length ? 422 : 200).json(renderImportResult(localeOf(ctx), result));
    } catch (error) {
      await ctx?.db.finish(false).catch(() => undefined);
      body.destroy();
      if (socket.destroyed) {
        // The client went away mid-upload (network dropped, lid closed): nothing changed, nobody to answer.
        deps.log.info({ requestId: res.locals.requestId, reason: (error as Error)?.message }, 'import upload cut off by the client; nothing was changed');
        return;
      }
      await settleUpload(req, res, upload, limit);
      sendRouteError(res, error, deps.log);
    } finally {
      release?.();
    }
  });
  return router;
}
