import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, pageWithNonce } from '../core/security-headers';
import { openStaticFile } from '../core/static-files';

/** The renderer is served from `signet-app://renderer/`, not file:// (Electron's checklist, item 18). */
const APP_SCHEME = 'signet-app';
export const APP_ORIGIN = `${APP_SCHEME}://renderer`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves files of the built renderer only; anything outside it is a 404. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'renderer' ? await openStaticFile(root, url.pathname) : undefined;
    if (!file) return new Response('not found', { status: 404 });
    let content: Uint8Array<ArrayBuffer>;
    try {
      content = new Uint8Array(await file.handle.readFile());
    } catch {
      return new Response('not found', { status: 404 });
    } finally {
      await file.handle.close();
    }
    if (file.contentType.startsWith('text/html')) {
      // Each page load gets its own style nonce, in the policy and in the page.
      const page = pageWithNonce(Buffer.from(content).toString('utf8'));
      return new Response(page.html, {
        headers: {
          'Content-Type': file.contentType,
          'Content-Security-Policy': page.policy,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    }
    return new Response(content, {
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
