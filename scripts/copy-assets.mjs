// Copies what tsc does not emit into dist/ (`npm run build`): the detection kernel's WebAssembly.
import { copyFileSync, mkdirSync } from 'node:fs';

const assets = ['detect/sweep.wasm'];
for (const asset of assets) {
  const to = new URL(`../dist/${asset}`, import.meta.url);
  mkdirSync(new URL('.', to), { recursive: true });
  copyFileSync(new URL(`../src/${asset}`, import.meta.url), to);
}
