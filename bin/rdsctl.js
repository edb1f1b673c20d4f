#!/usr/bin/env node
import module from 'node:module';

// Node.js 22.1+ caches compiled code between runs; older versions start without it.
module.enableCompileCache?.();
const { main } = await import('../dist/bundle/rdsctl.js');

main(process.argv.slice(2));
