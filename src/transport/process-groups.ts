/**
 * Child processes that carry changes (the PowerShell runner, each OpenSSH client) start in a
 * process group of their own (POSIX), so a terminal's Ctrl-C, which goes to the foreground
 * group, reaches rdsctl only and the changes they carry can finish. rdsctl then ends them
 * itself, group and all: at their budget, and at the second Ctrl-C. On Windows a console
 * Ctrl-C reaches every process of the console; there the children stay as they are.
 */
export const OWN_PROCESS_GROUP = process.platform !== 'win32';

const groups = new Set<number>();

/** Remembers a child's group until `release` is called (when the child has ended). */
export function trackProcessGroup(pid: number | undefined): { release(): void } {
  if (pid === undefined || !OWN_PROCESS_GROUP) return { release: () => undefined };
  groups.add(pid);
  return { release: () => groups.delete(pid) };
}

/** Sends `signal` to the child and to every process of its group (a ProxyCommand, the runner's ssh clients). */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(OWN_PROCESS_GROUP ? -pid : pid, signal);
  } catch {
    // Already gone.
  }
}

/** Kills every child group still running; returns how many there were. */
export function killProcessGroups(): number {
  const count = groups.size;
  for (const pid of groups) signalProcessGroup(pid, 'SIGKILL');
  groups.clear();
  return count;
}
