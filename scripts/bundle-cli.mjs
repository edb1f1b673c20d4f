/**
 * Bundles the compiled command line (dist/cli/main.js) and the libraries it uses into
 * dist/bundle/, one chunk per lazily loaded command, so that a start reads a handful of files
 * instead of resolving and compiling some 180 modules one by one. The precompiled validators
 * (dist/validators/*.cjs) stay separate files: they are loaded by path and checked against the
 * schema they were built from.
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a hash of their content: without a clean start, every build would leave the
// chunks of the one before beside the new ones, and the package would ship them all.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { rdsctl: 'dist/cli/main.js' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  chunkNames: 'chunks/[name]-[hash]',
  // Libraries written as CommonJS call require() for Node.js built-ins.
  banner: { js: "import { createRequire as __rdsctlCreateRequire } from 'node:module'; const require = __rdsctlCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
