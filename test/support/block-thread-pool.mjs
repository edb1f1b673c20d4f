// Preloaded into rdsctl by tests (NODE_OPTIONS=--import): opens the named pipe in
// RDSCTL_TEST_BLOCKING_FIFO without O_NONBLOCK, so one thread of the libuv pool blocks in open()
// for as long as no writer comes. process.exit waits for that thread; the second Ctrl-C must not.
import { open } from 'node:fs';

const fifo = process.env.RDSCTL_TEST_BLOCKING_FIFO;
if (fifo) open(fifo, 'r', () => undefined);
