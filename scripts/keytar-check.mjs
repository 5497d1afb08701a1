#!/usr/bin/env node
// postinstall: keytar is an optionalDependency, so when its native build fails (no libsecret
// headers) npm goes on without a word and storctl quietly keeps secrets in files. Say so once,
// with the fix. Plain Node, no dependencies, and it never fails the install.
import { createRequire } from 'node:module';

try {
  createRequire(import.meta.url)('keytar');
} catch (err) {
  try {
    const first = String((err && err.message) || err).split('\n')[0];
    const fix = process.platform === 'linux' ? 'Install libsecret-1-dev and run npm rebuild keytar' : 'Run npm rebuild keytar';
    process.stderr.write(
      `storctl: keytar (OS keyring support) is not built (${first}); secrets will be kept in files under ~/.local/share/storctl. ${fix} to use the keyring.\n`,
    );
  } catch {
    // stderr gone: nothing to say it on
  }
}
process.exitCode = 0;
