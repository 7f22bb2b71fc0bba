import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * The reference portal (issue 22): static pages under /portal that read only the public GraphQL
 * API, styled with Digdir's Designsystemet served from our own origin (no CDN: closed municipal
 * networks, and nothing loaded from a third party). The pages live in `portal/` at the project's
 * root, found from here both under ts-jest (src/http) and when built (dist/src/http).
 */
export function portalDirectory(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'portal');
    if (fs.existsSync(path.join(candidate, 'region.html'))) return candidate;
  }
  throw new Error(`the portal's pages (portal/region.html) were not found above ${__dirname}`);
}

/** Designsystemet's stylesheet and its default theme, from the installed package. */
const DESIGN_SYSTEM = path.dirname(path.dirname(require.resolve('@digdir/designsystemet-css')));

/**
 * Only our own origin: scripts, styles and the API. Designsystemet's icons are data: URLs in its CSS.
 * No inline script or style anywhere in the pages, so none is allowed.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function portalRouter(): Router {
  const router = Router();
  const pages = portalDirectory();
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  router.get('/ds/index.css', (_req, res) => res.sendFile(path.join(DESIGN_SYSTEM, 'src', 'index.css'), { maxAge: '1h' }));
  router.get('/ds/theme.css', (_req, res) => res.sendFile(path.join(DESIGN_SYSTEM, 'theme', 'designsystemet.css'), { maxAge: '1h' }));
  router.use(express.static(pages, { index: 'index.html', dotfiles: 'ignore', maxAge: '5m', redirect: true }));
  return router;
}
