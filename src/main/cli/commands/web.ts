import { parseArgs } from 'node:util';
import { createApp } from '../../app';
import { settle } from '../../core/failure';
import { startBrowserHost } from '../../host/browser-host';
import { appVersion, rendererDir } from '../../paths';
import { defaultDataDir } from '../../workspace/data-dir';
import { UsageError, type CliCommand } from '../command';

/** `signet web`: the whole app in a browser, served on 127.0.0.1 only. */
export const webCommand: CliCommand = {
  name: 'web',
  summary: 'Serve the app to a local browser on 127.0.0.1 (prints the URL to open)',
  usage:
    'signet web [--port N]\n\nServes the app on http://127.0.0.1:N (random port by default). The printed URL carries a\nlaunch token that every call needs; it changes at every launch. Stop with Ctrl+C.',
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { port: { type: 'string' } }, strict: true });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be 0..65535 (got ${values.port})`);
    const app = await createApp({ host: 'browser', dataDir: defaultDataDir(io.env), version: appVersion() });
    for (const warning of app.startupWarnings) io.stderr(`warning: ${warning}\n`);
    const host = await startBrowserHost({
      dispatch: app.dispatch,
      events: app.events,
      upload: (source, fileName) => settle(app.files.storeUpload(source, fileName)),
      bodyFile: (id) => app.bodies.fileFor(id),
      staticDir: rendererDir(),
      port,
    });
    io.stdout(`Signet is running at ${host.url}\nOpen that URL in a browser. Press Ctrl+C to stop.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    await app.close();
    return 0;
  },
};
