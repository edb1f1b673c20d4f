/**
 * What went wrong with one host, from what its own OpenSSH client wrote on stderr (exit status
 * 255 means the client, not the remote command, failed). Each host has its own client, so the
 * lines are the host's alone: no guessing which host of a run they belong to.
 */
import type { FrameStatus } from './host-target.js';

export type SshFailureCode = 'HOST_TIMEOUT' | 'HOST_UNREACHABLE' | 'AUTH_FAILED' | 'HOST_KEY_MISMATCH';

export interface SshFailure {
  status: FrameStatus;
  code: SshFailureCode;
  message: string;
}

interface Rule {
  pattern: RegExp;
  code: SshFailureCode;
  text: string;
  hint: string;
}

const KEY_HINT = "add the host's key to connection.knownHostsFile (or your known_hosts) after checking its fingerprint (ssh-keyscan HOST, then compare)";

const RULES: readonly Rule[] = [
  { pattern: /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/i, code: 'HOST_KEY_MISMATCH', text: "the host's key differs from the one in known_hosts", hint: KEY_HINT },
  { pattern: /host key is known for|Host key verification failed/i, code: 'HOST_KEY_MISMATCH', text: "the host's key is not in known_hosts", hint: KEY_HINT },
  { pattern: /Identity file .* not accessible|Load key .*:|bad permissions/i, code: 'AUTH_FAILED', text: 'the SSH key file could not be used', hint: 'check connection.keyFile: the private key must exist and be readable only by its owner (chmod 600)' },
  { pattern: /Permission denied \(|Too many authentication failures/i, code: 'AUTH_FAILED', text: 'the host refused the login', hint: "check connection.user and the key: its public half must be in the account's authorized_keys (for administrators, C:\\ProgramData\\ssh\\administrators_authorized_keys)" },
  { pattern: /Could not resolve hostname/i, code: 'HOST_UNREACHABLE', text: 'the name did not resolve', hint: 'check the host name, or map it to an address under connection.addresses' },
  { pattern: /timed out/i, code: 'HOST_TIMEOUT', text: 'the SSH connection timed out', hint: 'check that the host is up and that a firewall lets SSH through; connection.connectTimeoutSeconds sets the wait' },
  { pattern: /Connection refused|No route to host|Network is unreachable|Connection closed|Connection reset/i, code: 'HOST_UNREACHABLE', text: 'no SSH server accepted the connection', hint: 'check that OpenSSH Server runs on the host, that connection.port is its port, and that a firewall lets it through' },
];

const STATUS: Readonly<Record<SshFailureCode, FrameStatus>> = {
  HOST_TIMEOUT: 'timeout',
  HOST_UNREACHABLE: 'unreachable',
  AUTH_FAILED: 'unreachable',
  HOST_KEY_MISMATCH: 'unreachable',
};

/** The failure the client reported; `undefined` when its stderr names none this knows. */
export function classifySshFailure(stderr: string): SshFailure | undefined {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  for (const rule of RULES) {
    const line = lines.find((candidate) => rule.pattern.test(candidate));
    if (line === undefined) continue;
    return { status: STATUS[rule.code], code: rule.code, message: `${rule.text} (${line}). Hint: ${rule.hint}` };
  }
  return undefined;
}
