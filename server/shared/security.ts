import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { Config } from '../config.ts';
import type { AppEnv } from './app-env.ts';
import { AppError } from './errors.ts';

/**
 * The Content-Security-Policy of every response (issue #6). The built web client needs: its own scripts and
 * styles (Svelte and MapLibre set inline styles), images and workers from blob: (MapLibre's worker, deck.gl's
 * loaders), data: images (MapLibre's control icons) and, when an online basemap is configured, https: for its
 * style, tiles, glyphs and sprites. Nothing may frame the atlas (clickjacking). Swagger UI at /api/docs sets
 * its own policy with a nonce for its one inline script (docs.routes.ts).
 */
export function contentSecurityPolicy(config: Config) {
  // The style's own origin too: an admin may configure a basemap served over plain http on their network.
  const online = config.basemap ? ['https:', new URL(config.basemap.styleUrl).origin] : [];
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', ...online],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", ...online],
    workerSrc: ["'self'", 'blob:'],
    childSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  };
}

/** Directive names as CSP spells them: defaultSrc → default-src. */
function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export interface SecurityHeaderSets {
  /** Pages and scripts (a worker takes its CSP from its script's answer): all of secureHeaders(). */
  readonly document: Readonly<Record<string, string>>;
  /**
   * Data, tiles, styles and images: what still matters for an answer that is not a document (OWASP REST
   * Security Cheat Sheet, "Security headers"): nosniff, no framing, HSTS, cross-origin reads refused, and a
   * CSP that lets nothing run should one be opened as a page. The document-only headers (COOP, Permissions-
   * and Referrer-Policy, the app's long CSP…) were ~1 KiB on every tile and JSON answer: 40 KiB of a first
   * visit (issue #15, B4).
   */
  readonly resource: Readonly<Record<string, string>>;
}

/**
 * The security headers, computed once per app (issue #5, B2): the sets only depend on the configuration.
 * The document set's names and values are those of Hono's secureHeaders() with our options (xFrameOptions
 * DENY, our CSP, referrer and permissions policies, its other defaults) — security.test.ts holds them equal —
 * but as plain objects, which the per-request middleware (request-context.ts) adds without recomputing the
 * CSP and which a cached response can carry without building a Headers object.
 */
export function securityHeaders(config: Config): SecurityHeaderSets {
  const csp = Object.entries(contentSecurityPolicy(config))
    .map(([directive, values]) => `${kebab(directive)} ${values.join(' ')}`)
    .join('; ');
  const document = Object.freeze({
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Origin-Agent-Cluster': '?1',
    // Basemap providers that restrict API keys by site need the origin; never a full URL with its state.
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
    'X-DNS-Prefetch-Control': 'off',
    'X-Download-Options': 'noopen',
    'X-Frame-Options': 'DENY',
    'X-Permitted-Cross-Domain-Policies': 'none',
    'X-XSS-Protection': '0',
    'Content-Security-Policy': csp,
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  });
  const resource = Object.freeze({
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Strict-Transport-Security': document['Strict-Transport-Security'],
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  });
  return { document, resource };
}

/**
 * The set an answer of this media type gets. Without one (a 304, a 204) the document set: a 304 updates the
 * headers the browser stored with the page it revalidates, so it must never carry less than the 200 did.
 */
export function securityHeadersFor(
  sets: SecurityHeaderSets,
  contentType: string | null | undefined,
): Readonly<Record<string, string>> {
  return contentType && !/^text\/html|javascript/i.test(contentType) ? sets.resource : sets.document;
}

/** 413 in the standard error body when a request body is over ATLAS_BODY_LIMIT_MB. */
export function requestBodyLimit(config: Config): MiddlewareHandler<AppEnv> {
  const maxSize = config.security.bodyLimitBytes;
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `request body over ${(maxSize / 1024 / 1024).toFixed(1)} MB (ATLAS_BODY_LIMIT_MB)`,
      );
    },
  });
}

/**
 * CORS for the configured origins only, with credentials (the session cookie) and the headers writes send.
 * Off (no headers at all) unless ATLAS_CORS_ORIGINS is set: the web client is served from the same origin.
 */
export function corsFor(config: Config): MiddlewareHandler<AppEnv> | null {
  const origins = config.security.corsOrigins;
  if (!origins) return null;
  return cors({
    origin: [...origins],
    credentials: true,
    allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'X-CSRF-Token', 'If-None-Match'],
    exposeHeaders: ['ETag', 'Content-Disposition', 'X-Request-Id'],
    maxAge: 600,
  });
}
