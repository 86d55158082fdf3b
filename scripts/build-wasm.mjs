// Assembles the kernel's WebAssembly text (src/detect/sweep.wat and the files wat-source.mjs
// names) into src/detect/sweep.wasm (`npm run build:wasm`). The .wasm is checked in so that users
// need no assembler; test/unit/detect/kernel.test.ts fails when the two drift.
import { writeFileSync } from 'node:fs';
import { watSource } from './wat-source.mjs';

const out = new URL('../src/detect/sweep.wasm', import.meta.url);
const wabt = await (await import('wabt')).default();
const module = wabt.parseWat('sweep.wat', watSource());
module.validate(); // parseWat alone lets a stack mismatch through, and kernel.ts would quietly fall back to JS
const { buffer } = module.toBinary({});
module.destroy();
writeFileSync(out, buffer);
console.log(`wrote ${out.pathname} (${buffer.length} bytes)`);
