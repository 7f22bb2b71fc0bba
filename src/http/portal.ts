import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { AppConfig } from '../config';

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
 * Only our own origin: scripts, styles and the API — and, with sign-in through the municipality's
 * OpenID Connect provider, that provider's endpoints (discovery and the token exchange of the
 * authorization code flow). Designsystemet's icons are data: URLs in its CSS. No inline script or
 * style anywhere in the pages, so none is allowed.
 */
function contentSecurityPolicy(providerOrigin: string | undefined): string {
  return [
    "default-src 'self'",
    "img-src 'self' data:",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self'${providerOrigin ? ` ${providerOrigin}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** What the pages need to know to sign in: the provider, the portal's client and the API as resource. */
export interface PortalSignIn {
  oidc: { issuer: string; clientId: string; scope: string; resource: string | null } | null;
  /** Development tokens (`npm run token`) are offered outside production only. */
  devTokens: boolean;
}

export function portalSignIn(config: AppConfig): PortalSignIn {
  const oidc =
    config.oidcIssuer && config.portalOidcClientId ? { issuer: config.oidcIssuer, clientId: config.portalOidcClientId, scope: config.portalOidcScope, resource: config.oidcAudience ?? null } : null;
  return { oidc, devTokens: config.env !== 'production' };
}

export function portalRouter(config: AppConfig): Router {
  const router = Router();
  const pages = portalDirectory();
  const signIn = portalSignIn(config);
  const csp = contentSecurityPolicy(signIn.oidc ? new URL(signIn.oidc.issuer).origin : undefined);
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  router.get('/config.json', (_req, res) => res.json(signIn));
  router.get('/ds/index.css', (_req, res) => res.sendFile(path.join(DESIGN_SYSTEM, 'src', 'index.css'), { maxAge: '1h' }));
  router.get('/ds/theme.css', (_req, res) => res.sendFile(path.join(DESIGN_SYSTEM, 'theme', 'designsystemet.css'), { maxAge: '1h' }));
  router.use(express.static(pages, { index: 'index.html', dotfiles: 'ignore', maxAge: '5m', redirect: true }));
  return router;
}
