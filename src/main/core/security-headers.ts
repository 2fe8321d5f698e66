/**
 * What both hosts send with the renderer's files, so the Electron window and the browser
 * tab run under the same policy.
 */

import { randomBytes } from 'node:crypto';

/** Only the app's own scripts, styles and fonts; calls only to itself; no frames, no forms; no inline styles. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Where the built index.html names the nonce; replaced on every page load. */
const NONCE_PLACEHOLDER = '__SIGNET_CSP_NONCE__';

/**
 * The policy for one page load: style elements are allowed only with this load's nonce
 * (CodeMirror mounts its styles with it, through EditorView.cspNonce), never inline.
 */
export function policyWithNonce(nonce: string): string {
  return CONTENT_SECURITY_POLICY.replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`);
}

/** A fresh nonce, and the page's HTML and policy that carry it. */
export function pageWithNonce(html: string): { readonly html: string; readonly policy: string } {
  const nonce = randomBytes(18).toString('base64');
  return { html: html.split(NONCE_PLACEHOLDER).join(nonce), policy: policyWithNonce(nonce) };
}

/**
 * Every response of the browser host carries these. Electron sets the CSP and nosniff on
 * its own responses; the window is never framed and caches nothing over the network.
 */
export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
} as const;
