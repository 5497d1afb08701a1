import { defineCommand } from '../framework/command.js';
import { UsageError } from '../framework/errors.js';
import { loadManifest } from '../framework/manifest.js';
import { bashCompletion, fishCompletion, zshCompletion } from '../docs/completion.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

export default defineCommand({
  summary: 'Print the shell completion script for bash, zsh or fish',
  description: [
    'Prints a completion script for SHELL on stdout. It completes topics, commands, options (with the values of options that have a fixed set, like -o), files where a command takes one, and profile names (asked from `storctl profile list` at completion time, so they follow your config).',
    '',
    'bash: add `source <(storctl completion bash)` to ~/.bashrc (works without the bash-completion package), or, with bash-completion installed, `storctl completion bash > ~/.local/share/bash-completion/completions/storctl` to load it on demand.',
    '',
    'zsh: `storctl completion zsh > "${fpath[1]}/_storctl"` and start a new shell (compinit must be enabled), or `source <(storctl completion zsh)` after compinit in ~/.zshrc.',
    '',
    'fish: `storctl completion fish > ~/.config/fish/completions/storctl.fish`.',
    '',
    'Packages can ship the same scripts from the completions/ directory of storctl.',
  ].join('\n'),
  backends: 'none',
  args: [{ name: 'shell', description: 'Shell to print the script for', required: true, complete: SHELLS }],
  examples: [
    'source <(storctl completion bash)',
    'storctl completion zsh > "${fpath[1]}/_storctl"',
    'storctl completion fish > ~/.config/fish/completions/storctl.fish',
  ],
  async run(ctx, args) {
    const shell = (args[0] ?? '').toLowerCase();
    const manifest = loadManifest();
    switch (shell) {
      case 'bash':
        return ctx.print(bashCompletion(manifest));
      case 'zsh':
        return ctx.print(zshCompletion(manifest));
      case 'fish':
        return ctx.print(fishCompletion(manifest));
      default:
        throw new UsageError(`unknown shell "${args[0] ?? ''}": storctl completes ${SHELLS.join(', ')}`, { hint: `run \`storctl completion ${SHELLS[0]}\` (or ${SHELLS.slice(1).join(', ')})` });
    }
  },
});
