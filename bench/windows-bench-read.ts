/**
 * One read of bench:windows, in a process of its own so that it is measured as rdsctl runs: its
 * whole life (Node start, module loading, the read) and the processes it starts, and nothing of
 * the benchmark's own bookkeeping. Its stdin is the read's JSON; its last stdout line, the figures.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionSpec } from '../src/model/spec.js';
import { createWindowsProvider } from '../src/providers/windows/create-windows-provider.js';
import type { PowerShellCommand } from '../src/transport/find-powershell.js';
import { splitCpuMs } from './measure-process-tree.js';

export interface BenchRead {
  connection: ConnectionSpec;
  specDirectory: string;
  hosts: string[];
  parallelism: number;
  powershell: PowerShellCommand;
}

export interface BenchReadFigures {
  ms: number;
  nodeCpuMs: number;
  childCpuMs: number;
  errors: unknown[];
}

const read = JSON.parse(readFileSync(0, 'utf8')) as BenchRead;
const provider = createWindowsProvider({ connection: read.connection, specDirectory: read.specDirectory, parallelism: read.parallelism, powershell: read.powershell });
const started = performance.now();
const state = await provider.read({ hosts: read.hosts, gpos: [], parallelism: read.parallelism });
const ms = performance.now() - started;
const cpu = splitCpuMs();
const figures: BenchReadFigures = { ms, nodeCpuMs: cpu.selfMs, childCpuMs: cpu.childrenMs, errors: state.errors.slice(0, 3) };
process.stdout.write(`${JSON.stringify(figures)}\n`);
