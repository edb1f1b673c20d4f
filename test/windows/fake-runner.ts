/**
 * A stand-in for PowerShell in tests of the TypeScript side: a small executable that records its
 * arguments and stdin, then answers each request as FAKE_ANSWERS (host -> answer) says.
 */
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export type FakeAnswer = { status: string; payload?: string; error?: { code: string; message: string } } | 'silent' | 'garbage';

const SOURCE = `#!/usr/bin/env node
const fs = require('node:fs');
const dir = process.env.FAKE_DIR;
fs.writeFileSync(dir + '/argv.json', JSON.stringify(process.argv.slice(2)));
const input = fs.readFileSync(0, 'utf8');
fs.writeFileSync(dir + '/stdin.txt', input);
const answers = JSON.parse(process.env.FAKE_ANSWERS || '{}');
process.stdout.write('WARNING: noise on stdout\\n');
for (const line of input.split('\\n').filter(Boolean)) {
  const item = JSON.parse(line);
  if (item.type !== 'request') continue;
  const answer = answers[item.host];
  if (!answer || answer === 'silent') continue;
  if (answer === 'garbage') { process.stdout.write('RDSCTL-FRAME {"id":' + JSON.stringify(item.id) + ',"sta\\n'); continue; }
  process.stdout.write('RDSCTL-FRAME ' + JSON.stringify({ id: item.id, host: item.host, durationMs: 5, ...answer }) + '\\n');
}
if (process.env.FAKE_STDERR) process.stderr.write(process.env.FAKE_STDERR);
process.exit(Number(process.env.FAKE_EXIT || 0));
`;

export interface FakeRunner {
  file: string;
  environment(answers: Record<string, FakeAnswer>, extra?: Record<string, string>): Record<string, string>;
  argv(): Promise<string[]>;
  stdin(): Promise<string>;
}

export async function createFakeRunner(): Promise<FakeRunner> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'rdsctl-fake-pwsh-'));
  const file = path.join(directory, 'pwsh');
  await writeFile(file, SOURCE);
  await chmod(file, 0o755);
  return {
    file,
    environment: (answers, extra = {}) => ({ FAKE_DIR: directory, FAKE_ANSWERS: JSON.stringify(answers), ...extra }),
    argv: async () => JSON.parse(await readFile(path.join(directory, 'argv.json'), 'utf8')) as string[],
    stdin: () => readFile(path.join(directory, 'stdin.txt'), 'utf8'),
  };
}
