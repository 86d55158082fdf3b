import { startFixtureServer } from '../demo/fixture-server.js';

/** The bundled demo sites, served on loopback (see {@link startDemoSites}). */
export interface DemoSites {
  /** Start URL of the demo insurer whose Meta Pixel leaks what visitors type (`https://www.tryggbo-forsakring.test/`). */
  demo: string;
  /** Start URL of a site without trackers that receive persona data (`https://www.ren-exempel.test/`). */
  clean: string;
  /** Scan options that reach them: their hosts mapped to loopback, their self-signed certificate accepted. */
  scanOptions: { hostResolverRules: string; ignoreHttpsErrors: true };
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Serves the bundled fixture sites and our tracker imitations on a loopback HTTPS port, as
 * `pixel-audit demo` does: for trying the library, and for tests, with no network.
 */
export async function startDemoSites(): Promise<DemoSites> {
  const server = await startFixtureServer();
  return {
    demo: server.sites.demo,
    clean: server.sites.clean,
    scanOptions: { hostResolverRules: server.hostResolverRules, ignoreHttpsErrors: true },
    close: () => server.close(),
  };
}
