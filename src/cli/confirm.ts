import { createInterface } from 'node:readline/promises';
import type { Output } from './output.js';

/** Terraform's rule: only the word "yes" approves. */
export async function askForApproval(output: Output): Promise<boolean> {
  return askYes(output, 'Do you want to apply these changes?');
}

export async function askYes(output: Output, question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    output.stderr(`\n${question} Only "yes" will be accepted.\n`);
    const answer = await prompt.question('  Enter a value: ');
    return answer.trim() === 'yes';
  } finally {
    prompt.close();
  }
}
