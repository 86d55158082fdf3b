import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../config/errors.js';
import { MANIFEST_NAME } from '../../report/manifest.js';
import { loadPublicKey, verifySignature } from '../../report/sign.js';
import { verifyBundle } from '../../report/verify.js';

/** Site bundles under a path: the path itself when it has a manifest, else `sites/*` of a run folder. */
async function bundlesAt(path: string): Promise<string[]> {
  if (await stat(join(path, MANIFEST_NAME)).then(() => true, () => false)) return [path];
  const sites = join(path, 'sites');
  const names = await readdir(sites).catch(() => {
    throw new UsageError(`${path}: neither a site bundle (no ${MANIFEST_NAME}) nor a run folder (no sites/)`);
  });
  return names.sort().map((name) => join(sites, name));
}

export function registerVerify(program: Command, setExit: (code: number) => void): void {
  program
    .command('verify')
    .description('check every file of a bundle (or run folder) against its manifest, and its signature when signed; exit 1 naming each problem')
    .argument('<bundle>', 'site bundle or run folder')
    .option('--public-key <pem>', 'Ed25519 public key (PEM) the manifests must be signed with')
    .action(async (path: string, flags: { publicKey?: string }) => {
      const trusted = flags.publicKey ? await loadPublicKey(flags.publicKey) : undefined;
      let bad = 0;
      for (const bundle of await bundlesAt(path)) {
        const result = await verifyBundle(bundle);
        // The signature is checked even when a digest failed: the reader learns which key signed.
        const signature = await verifySignature(bundle, trusted);
        const problems = [...result.problems, ...(signature.problem ? [signature.problem] : [])];
        if (!problems.length) {
          const signed = !signature.signed ? 'not signed'
            : signature.trusted ? `signed by key ${signature.fingerprint}, the --public-key key`
              : `signature valid, key ${signature.fingerprint} (pass --public-key to check it is the key you trust)`;
          process.stdout.write(`ok: ${bundle} (${result.checked} files; ${signed})\n`);
        } else {
          bad += 1;
          for (const problem of problems) process.stdout.write(`FAILED: ${bundle}: ${problem}\n`);
        }
      }
      setExit(bad ? 1 : 0);
    });
}
