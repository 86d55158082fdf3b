// The kernel's WebAssembly text: the module fields of src/detect/sweep.wat and of the files
// after it (each kept under 300 lines), in one module. Used by build-wasm.mjs and by the test
// that holds the checked-in sweep.wasm to them.
import { readFileSync } from 'node:fs';

export const WAT_FILES = ['sweep.wat', 'marks.wat', 'verify.wat', 'segments.wat', 'forms.wat', 'blob-reject.wat'];

export function watSource() {
  const fields = WAT_FILES.map((f) => readFileSync(new URL(`../src/detect/${f}`, import.meta.url), 'utf8'));
  return `(module\n${fields.join('\n')})\n`;
}
