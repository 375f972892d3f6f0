import { Option, type Command } from 'commander';

/** Adds the options of the agency commands: which node (`--node`, `--url`) and as whom (`--api-key`). */
export function withNodeOptions(command: Command): Command {
  return command
    .option('--node <id>', "the local stack's node to talk to (default: its first)")
    .addOption(
      new Option('--url <url>', "a node's base URL, instead of the local stack's").env('BORDERLINK_URL'),
    )
    .addOption(
      new Option(
        '--api-key <key>',
        'API key to authenticate with (default: your borderlink login, else the local stack’s demo key)',
      ).env('BORDERLINK_API_KEY'),
    )
    .addOption(
      new Option(
        '--stack <file>',
        "the local stack's stack.json or data folder (default: .data/stack.json here)",
      ).env('BORDERLINK_STACK'),
    )
    .addOption(
      new Option(
        '--config-dir <dir>',
        'where borderlink login keeps tokens (default: ~/.config/borderlink)',
      ).env('BORDERLINK_CONFIG_DIR'),
    );
}
