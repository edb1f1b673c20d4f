/**
 * `npm run bench:doctor`: doctor over the generated 10,000-host lab estate (20 licence servers,
 * 50 pools, 20,000 issued per-device licences). total_ms covers everything the command does (spec loading, the two-round read,
 * plan, rules, rendering); engine_ms is total_ms without the read, the part rdsctl itself owns
 * (target: under 1.5 s, with peak RSS under 400 MB). Median of several runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DOCTOR_POLICY } from '../src/doctor/doctor-input.js';
import { gatherDoctorState } from '../src/doctor/gather-doctor-state.js';
import { runDoctor } from '../src/doctor/run-doctor.js';
import { buildPlan } from '../src/engine/build-plan.js';
import { expandSpec } from '../src/engine/expand-spec.js';
import { listHosts } from '../src/engine/gather.js';
import { createProvider } from '../src/providers/create-provider.js';
import { renderDoctorText } from '../src/render/render-doctor-text.js';
import { loadSpec } from '../src/spec/load-spec.js';
import { generateEstate } from './generate-estate.js';

const RUNS = 3;
const HOSTS = 10_000;

interface Run {
  total: number;
  read: number;
  findings: number;
}

async function runOnce(specFile: string): Promise<Run> {
  const started = performance.now();
  const loaded = await loadSpec(specFile);
  const desired = expandSpec(loaded);
  const provider = await createProvider(loaded, 10);
  const readStarted = performance.now();
  const live = await gatherDoctorState(provider, { hosts: listHosts(desired), gpos: desired.gpos.map((gpo) => ({ name: gpo.name, domain: gpo.domain })), parallelism: 10 });
  const read = performance.now() - readStarted;
  const plan = buildPlan({ desired, live, provider: provider.name });
  const report = runDoctor({ live, spec: loaded.spec, desired, plan, policy: DEFAULT_DOCTOR_POLICY, now: new Date().toISOString() }, { locate: loaded.locate, specFile: loaded.file });
  const text = renderDoctorText(report, { color: false });
  const total = performance.now() - started;
  if (text.length === 0 || live.hosts.length < HOSTS) throw new Error('doctor read or rendered nothing');
  return { total, read, findings: report.findings.length };
}

const directory = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-doctor-bench-'));
try {
  const { specFile } = await generateEstate(directory, { hosts: HOSTS, pools: 50, servers: 20 });
  const runs: Run[] = [];
  for (let run = 0; run < RUNS; run += 1) runs.push(await runOnce(specFile));
  const median = (values: number[]): number => Math.round(values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number);
  const total = median(runs.map((run) => run.total));
  const read = median(runs.map((run) => run.read));
  const engine = median(runs.map((run) => run.total - run.read));
  console.log(`bench-doctor-detail: read_ms=${read} engine_ms=${engine} peak_rss_mb=${Math.round(process.resourceUsage().maxRSS / 1024)} (targets: engine_ms under 1500, peak_rss_mb under 400)`);
  console.log(`bench-doctor: hosts=${HOSTS} total_ms=${total} findings=${runs[0]?.findings ?? 0}`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
