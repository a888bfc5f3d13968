import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler, Router } from 'express';

/** `dashboard/dist`, found from this module's location (harness/src/server → repo root). */
export const DEFAULT_DASHBOARD_DIST = fileURLToPath(new URL('../../../dashboard/dist', import.meta.url));

/**
 * The dashboard's Content-Security-Policy: scripts, styles, fonts, images and connections from
 * this origin only (socket.io included); inline style attributes are allowed because recharts
 * positions its tooltips and measures text with them. No framing, no plugins, no base rewriting.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('content-security-policy', DASHBOARD_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  next();
};

const notBuiltPage = (distDir: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dashboard not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The dashboard is not built yet</h1>
<p>The harness serves the dashboard from <code>${distDir.replace(/[<>&]/g, '')}</code>, which has no <code>index.html</code>. Build it once:</p>
<pre style="background: #eee; padding: 1rem">npm run build -w dashboard</pre>
<p>then reload this page. (<code>npm start</code> and <code>npm test</code> build it automatically.) The API is up meanwhile: <a href="/api/health">/api/health</a>.</p>
</body></html>`;

/** Paths the SPA owns: everything except the API, socket.io and file-like paths (`/x.js`). */
const isAppRoute = (p: string) =>
  !p.startsWith('/api/') &&
  p !== '/api' &&
  !p.startsWith('/socket.io') &&
  !path.posix.basename(p).includes('.');

/**
 * Serve the built dashboard: hashed `/assets/*` with a year-long immutable cache, other files
 * revalidated, and `index.html` (never cached) for every app route so client-side routes reload.
 * When the build is missing, app routes get a page saying how to build it (503).
 */
export function dashboardRoutes(distDir: string = DEFAULT_DASHBOARD_DIST): Router {
  const router = Router();
  const index = path.join(distDir, 'index.html');
  router.use(securityHeaders);
  router.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  router.use(express.static(distDir, { index: false, maxAge: 0 }));
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isAppRoute(req.path)) return next();
    if (!existsSync(index)) {
      res.status(503).type('html').setHeader('cache-control', 'no-store').send(notBuiltPage(distDir));
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
