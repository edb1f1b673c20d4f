/**
 * A private sshd on loopback for the remoting tests: its own config, host key and client key in
 * a temporary directory, listening on a free high port on all of 127.0.0.0/8 (every test host is
 * an address there), with the PowerShell subsystem pointing at a wrapper that gives the remote
 * pwsh the test double (sshd's children inherit none of the test's environment).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile, chmod } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DOUBLE_MODULE_PATH, type DoubleDirectory } from './windows-double-fixtures.js';

const run = promisify(execFile);

export interface LoopbackSshd {
  /** sshd's process id (its subtree is the "remote" side). */
  pid: number;
  port: number;
  user: string;
  keyFile: string;
  knownHostsFile: string;
  directory: string;
  /** What sshd has logged so far (at `logLevel`). */
  log(): string;
  /** The processes still running for sessions to `address` (the "remote" PowerShell a client started). */
  sessionsTo(address: string): Promise<number[]>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sshd did not listen on ${port}: ${log()}`);
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export async function startLoopbackSshd(options: {
  sshd: string;
  pwsh: string;
  double: DoubleDirectory;
  lastHostOctet?: number;
  /** sshd's LogLevel (default ERROR); INFO logs one "Accepted publickey" line per connection. */
  logLevel?: 'ERROR' | 'INFO';
  /** More sshd_config lines (a ForceCommand, say), appended last. */
  extraConfig?: (directory: string) => Promise<string[]>;
}): Promise<LoopbackSshd> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'rdsctl-sshd-'));
  const user = os.userInfo().username;
  const port = await freePort();
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(directory, 'host_key')]);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(directory, 'client_key')]);
  await writeFile(path.join(directory, 'authorized_keys'), await readFile(path.join(directory, 'client_key.pub')));
  const hostKey = (await readFile(path.join(directory, 'host_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
  const patterns = Array.from({ length: (options.lastHostOctet ?? 60) - 1 }, (_, i) => `[127.0.0.${i + 2}]:${port}`);
  await writeFile(path.join(directory, 'known_hosts'), `${patterns.join(',')} ${hostKey}\n`);
  const wrapper = path.join(directory, 'pwsh-subsystem.sh');
  await writeFile(
    wrapper,
    `#!/bin/sh\nexport PSModulePath=${quote(DOUBLE_MODULE_PATH)}\nexport RDSCTL_DOUBLE_DIR=${quote(options.double.path)}\nexec ${quote(options.pwsh)} -sshs -NoLogo -NoProfile\n`,
  );
  await chmod(wrapper, 0o755);
  const config = [
    `Port ${port}`,
    'ListenAddress 0.0.0.0',
    `HostKey ${path.join(directory, 'host_key')}`,
    `PidFile ${path.join(directory, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(directory, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    `AllowUsers ${user}@127.0.0.0/8`,
    'MaxStartups 100:30:200',
    'MaxSessions 100',
    'LoginGraceTime 30',
    `LogLevel ${options.logLevel ?? 'ERROR'}`,
    `Subsystem powershell ${wrapper}`,
    ...(options.extraConfig ? await options.extraConfig(directory) : []),
    ...(await sessionEnvironment(options.double)),
  ].join('\n');
  await writeFile(path.join(directory, 'sshd_config'), `${config}\n`);
  await mkdir('/run/sshd', { recursive: true }).catch(() => undefined);
  let log = '';
  const child = spawn(options.sshd, ['-D', '-e', '-f', path.join(directory, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  await waitForPort(port, child, () => log);
  return {
    pid: child.pid ?? -1,
    port,
    user,
    keyFile: path.join(directory, 'client_key'),
    knownHostsFile: path.join(directory, 'known_hosts'),
    directory,
    log: () => log,
    sessionsTo: async (address) => processesWithEnvironment(`SSH_CONNECTION=`, (value) => value.endsWith(` ${address} ${port}`)),
    stop: async () => {
      if (child.exitCode !== null) return;
      // sshd leaves its sessions running when it stops, and a session whose command hangs (the
      // hung-host tests) would outlive the suite: end the whole tree, sessions first.
      const sessions = child.pid === undefined ? [] : await descendantsOf(child.pid);
      for (const pid of sessions) {
        try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      }
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * What every session gets, exec (the ssh transport) and subsystem alike: the double, and the
 * ProgramData of the host its address stands for, as on Windows, so each host keeps its own
 * install ledger and apply lock even in a session that never loads the double. sshd takes the
 * first SetEnv that applies, so the per-address blocks come before the catch-all.
 */
async function sessionEnvironment(double: DoubleDirectory): Promise<string[]> {
  const common = `PSModulePath=${DOUBLE_MODULE_PATH} RDSCTL_DOUBLE_DIR=${double.path}`;
  const hosts = JSON.parse(await readFile(path.join(double.path, 'addresses.json'), 'utf8')) as Record<string, string>;
  return [
    ...Object.entries(hosts).flatMap(([address, host]) => [`Match LocalAddress ${address}`, `  SetEnv ${common} ProgramData=${double.programData(host)}`]),
    'Match all',
    `  SetEnv ${common}`,
  ];
}

/** The processes whose environment has a `prefix…` variable whose value satisfies `matches`. */
async function processesWithEnvironment(prefix: string, matches: (value: string) => boolean): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const environment = await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => '');
    const variable = environment.split('\0').find((line) => line.startsWith(prefix));
    if (variable !== undefined && matches(variable.slice(prefix.length))) found.push(Number(entry));
  }
  return found;
}

/** Every process below `root`, from /proc (children are listed before their own children). */
async function descendantsOf(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command name in parentheses may hold spaces; the parent pid is the second field after it.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (Number.isInteger(parent)) parents.set(Number(entry), parent);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    for (const [pid, parent] of parents) {
      if (parent === current) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

