/**
 * Ends the process at once with `code`, whatever is still running. process.exit waits for
 * worker threads and the libuv thread pool, so a thread blocked in a system call (open() of a
 * named pipe, a hung network file system) would hold it forever. A tiny watchdog process,
 * started first, ends rdsctl a second later if it is still there: with SIGINT (shells report
 * 130, as for exit code 130), then SIGKILL.
 */
import { spawn } from 'node:child_process';

const WATCHDOG_DELAY_MS = 1000;

export function quitNow(code: number): never {
  // Without listeners SIGINT takes its default action again, so the watchdog's signal is obeyed.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  startExitWatchdog(process.pid);
  process.exit(code);
}

function startExitWatchdog(pid: number): void {
  try {
    const watchdog =
      process.platform === 'win32'
        ? spawn(process.execPath, ['-e', `setTimeout(() => { try { process.kill(${pid}); } catch {} }, ${WATCHDOG_DELAY_MS})`], { detached: true, stdio: 'ignore', windowsHide: true })
        : spawn('/bin/sh', ['-c', `sleep ${WATCHDOG_DELAY_MS / 1000}; kill -s INT "$0" 2>/dev/null && sleep 0.5 && kill -s KILL "$0" 2>/dev/null`, String(pid)], { detached: true, stdio: 'ignore' });
    watchdog.on('error', () => undefined);
    watchdog.unref();
  } catch {
    // Without a watchdog, process.exit alone still ends every run that nothing blocks.
  }
}
