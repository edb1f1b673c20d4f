/**
 * The host script the ssh transport sends on stdin: the concern scripts of providers/windows
 * (all but the local fan-out runner), in name order, wrapped as the runner wraps them, so both
 * transports run the same code on the host.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export function buildHostScript(windowsDirectory: string): string {
  const files = readdirSync(windowsDirectory)
    .filter((name) => name.endsWith('.ps1') && name !== 'rdsctl-fan-out.ps1')
    .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  const bodies = files.map((name) => readFileSync(path.join(windowsDirectory, name), 'utf8'));
  return `param([string]$RequestJson)\n${bodies.join('\n')}\nInvoke-RdsHostRequest -RequestJson $RequestJson\n`;
}

/** The bootstrap's stdin: the request JSON (one line), the script's length, the script. */
export function encodeHostInput(inputJson: string, script: string): string {
  return `${inputJson}\n${script.length}\n${script}`;
}
