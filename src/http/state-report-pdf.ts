import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { Router } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { chromiumExecutable, launchChromium } from './chromium';
import { sendRouteError } from './route-errors';

/**
 * `GET /portal/tilstandsrapport.pdf?id=<report id>` with the caller's bearer token: the state-of-service
 * report's printable page (portal/tilstandsrapport.html) rendered to PDF by headless Chromium —
 * the same browser the tests drive — so the PDF shows exactly what the page shows to that caller,
 * read through the same API and read rules. Chromium is the system's (CHROMIUM_PATH or Debian's
 * /usr/bin/chromium); without one the answer is 503 with a message, never a stack. One render at a
 * time per server (a render is ~100 MB of Chromium); others wait in line.
 */
/** A refusal of this route, answered in the routes' shape by sendRouteError (route-errors.ts). */
const refusal = (code: string, status: number, message: string) => new GraphQLError(message, { extensions: { code, http: { status } } });

export function stateReportPdfRoute(httpServer: http.Server, log: Logger): Router {
  const router = Router();
  let queue: Promise<unknown> = Promise.resolve();
  router.get('/portal/tilstandsrapport.pdf', (req, res) => {
    const id = typeof req.query.id === 'string' ? req.query.id : '';
    const authorization = req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!id || id.length > 200) return sendRouteError(res, refusal('BAD_USER_INPUT', 400, 'Give the report as ?id=<report id>.'), log);
    if (!token) return sendRouteError(res, refusal('UNAUTHENTICATED', 401, 'A state-of-service report is read with a bearer token.'), log);
    const executablePath = chromiumExecutable();
    if (!executablePath)
      return sendRouteError(
        res,
        refusal('PDF_UNAVAILABLE', 503, 'PDF rendering needs Chromium on the server (CHROMIUM_PATH, or Debian’s chromium package); the page itself prints from the browser.'),
        log,
      );
    const port = (httpServer.address() as AddressInfo).port;
    const render = queue.then(() => renderPdf(executablePath, `http://127.0.0.1:${port}`, id, token));
    queue = render.catch(() => undefined);
    render.then(
      (result) => {
        if ('error' in result) return sendRouteError(res, refusal(result.code, result.status, result.error), log);
        res.status(200).type('application/pdf').setHeader('cache-control', 'private, no-store');
        res.setHeader('content-disposition', `inline; filename="tilstandsrapport.pdf"`);
        res.send(result.pdf);
      },
      // Logged with the request id and masked.
      (error) => sendRouteError(res, error, log),
    );
  });
  return router;
}

async function renderPdf(executablePath: string, origin: string, id: string, token: string): Promise<{ pdf: Buffer } | { error: string; status: number; code: string }> {
  const browser = await launchChromium(executablePath);
  try {
    const page = await browser.newPage({ locale: 'nb-NO' });
    // The page signs in as the caller: the token goes into its tab's sessionStorage, as the sign-in form does.
    await page.addInitScript((t) => (globalThis as any).sessionStorage.setItem('samvirke.token', t), token);
    await page.goto(`${origin}/portal/tilstandsrapport.html?id=${encodeURIComponent(id)}`);
    const outcome = await Promise.race([
      page.waitForSelector('#report[data-ready="true"]', { timeout: 30_000 }).then(() => 'ready' as const),
      page.waitForSelector('#error:not([hidden])', { timeout: 30_000 }).then(() => 'error' as const),
    ]);
    if (outcome === 'error') {
      const message = (await page.locator('#error').textContent())?.trim() || 'Fant ikke rapporten.';
      const code = (await page.locator('#error').getAttribute('data-code')) ?? 'NOT_FOUND';
      const status = code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : 404;
      return { error: message, status, code: status === 404 ? 'NOT_FOUND' : code };
    }
    return { pdf: await page.pdf({ format: 'A4', printBackground: true, margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' } }) };
  } finally {
    await browser.close();
  }
}
