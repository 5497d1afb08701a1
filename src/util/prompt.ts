// Terminal questions. Callers check that stdin and stderr are terminals first: nothing may
// ever wait for input in a CI job.
import { createInterface } from 'node:readline';
import type { IO } from '../framework/context.js';

export async function askYesNo(io: IO, question: string): Promise<boolean> {
  const answer = await ask(io, `${question} [y/N] `, false);
  return /^y(es)?$/i.test(answer.trim());
}

/** Reads a line without echoing it (passwords). */
export function askSecret(io: IO, question: string): Promise<string> {
  return ask(io, question, true);
}

function ask(io: IO, question: string, mute: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
    if (mute) {
      // Echo nothing but the prompt itself.
      (rl as any)._writeToOutput = (s: string) => {
        if (s.startsWith(question)) io.stderr.write(question);
        else if (s.includes('\n') || s.includes('\r')) io.stderr.write('\n');
      };
    }
    rl.on('SIGINT', () => {
      rl.close();
      reject(Object.assign(new Error('interrupted'), { name: 'InterruptedError' }));
    });
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}
