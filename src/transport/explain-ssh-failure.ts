/**
 * Why an SSH remoting connection failed, from what the OpenSSH client wrote. PowerShell only
 * reports "The SSH transport process has abruptly terminated"; the client's own words reach the
 * runner's output (pwsh passes them to its stdout), shared by every host of a run. Lines that name the host's address are its
 * own; lines that name no host (authentication, host key, subsystem) are attributed only when
 * one host of the run failed to connect, and otherwise reported as seen for one of them.
 */

export type SshFailureCause = 'nameResolution' | 'connection' | 'authentication' | 'hostKey' | 'subsystem' | 'keyFile';

export interface SshFailureExplanation {
  cause: SshFailureCause;
  /** What happened, in words, with the client's line. */
  text: string;
  /** What to set or change. */
  hint: string;
}

interface Rule {
  cause: SshFailureCause;
  /** Matches a line of the client's stderr; `address` is the host's address, regex-escaped. */
  pattern: (address: string) => RegExp;
  namesHost: boolean;
  text: string;
  hint: string;
}

const RULES: readonly Rule[] = [
  {
    cause: 'nameResolution',
    pattern: (address) => new RegExp(`Could not resolve hostname ${address}\\b`, 'i'),
    namesHost: true,
    text: 'the name did not resolve',
    hint: 'check the host name, or map it to an address under connection.addresses',
  },
  {
    cause: 'connection',
    pattern: (address) => new RegExp(`connect to host ${address} port \\d+`, 'i'),
    namesHost: true,
    text: 'no SSH server accepted the connection',
    hint: 'check that OpenSSH Server runs on the host, that connection.port is its port, and that a firewall lets it through',
  },
  {
    cause: 'hostKey',
    pattern: (address) => new RegExp(`host key is known for (\\[?)${address}\\b|Host key for (\\[?)${address}\\b.* has changed|REMOTE HOST IDENTIFICATION HAS CHANGED`, 'i'),
    namesHost: true,
    text: "the host's key is not in the known_hosts file, or differs from it",
    hint: "add the host's key to connection.knownHostsFile after checking its fingerprint (ssh-keyscan HOST, then compare)",
  },
  {
    cause: 'hostKey',
    pattern: () => /Host key verification failed/i,
    namesHost: false,
    text: "the host's key could not be verified against the known_hosts file",
    hint: "add the host's key to connection.knownHostsFile after checking its fingerprint (ssh-keyscan HOST, then compare)",
  },
  {
    cause: 'keyFile',
    pattern: () => /Cannot find path '.*' because it does not exist/i,
    namesHost: true,
    text: 'the SSH key file does not exist',
    hint: 'set connection.keyFile to the private key rdsctl logs in with (relative paths start at the spec\'s folder)',
  },
  {
    cause: 'keyFile',
    pattern: () => /Identity file .* not accessible|Load key .*:|bad permissions/i,
    namesHost: false,
    text: 'the SSH key file could not be used',
    hint: 'check connection.keyFile: the private key must exist and be readable only by its owner (chmod 600)',
  },
  {
    cause: 'authentication',
    pattern: () => /Permission denied \(|Too many authentication failures/i,
    namesHost: false,
    text: 'the host refused the login',
    hint: "check connection.user and connection.keyFile: the key's public half must be in the account's authorized_keys (for administrators, C:\\ProgramData\\ssh\\administrators_authorized_keys)",
  },
  {
    cause: 'subsystem',
    pattern: () => /subsystem request failed/i,
    namesHost: false,
    text: "the host's SSH server has no powershell subsystem",
    hint: 'add "Subsystem powershell c:/progra~1/powershell/7/pwsh.exe -sshs -NoLogo" to the host\'s sshd_config and restart sshd',
  },
];

export function explainSshFailure(stderr: string, options: { address: string; failedHosts: number }): SshFailureExplanation | undefined {
  const address = options.address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  for (const rule of RULES) {
    const pattern = rule.pattern(address);
    const line = lines.find((candidate) => pattern.test(candidate));
    if (line === undefined) continue;
    if (rule.namesHost || options.failedHosts === 1) return { cause: rule.cause, text: `${rule.text} (${line})`, hint: rule.hint };
    return { cause: rule.cause, text: `${rule.text}, for this host or another of the ${options.failedHosts} that could not connect (${line})`, hint: rule.hint };
  }
  return undefined;
}
