/** Where a benchmark finds the rdsctl it runs as a whole process, and the preload that reports its peak RSS. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Compiled to dist-bench/bench/, two levels below the package root.
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'bin', 'rdsctl.js');
export const REPORT_RSS = path.join(ROOT, 'bench', 'report-rss.cjs');
