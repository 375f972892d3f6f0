import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { deviceLogin } from '../agency/device-login.js';
import { signInTargetOf, type NodeOptions } from '../agency/node-target.js';
import { TokenCache, defaultConfigDir } from '../agency/token-cache.js';
import { withNodeOptions } from './agency-options.js';

/** `borderlink login|logout`: a person's access token for a node, by the OpenID Connect device flow. */
export function registerLoginCommands(program: Command, io: CliIo): void {
  withNodeOptions(
    program
      .command('login')
      .description(
        "sign in as a person to the local stack's node (--node) by the device flow: open the page shown, enter the code",
      ),
  ).action(async (options: NodeOptions) => {
    const target = signInTargetOf(options);
    const token = await deviceLogin(target, (prompt) =>
      io.err(
        `To sign in to ${target.node}, open ${prompt.verificationUriComplete ?? prompt.verificationUri}\n` +
          `and enter the code ${prompt.userCode} (valid ${Math.round(prompt.expiresIn / 60)} min). Waiting…\n`,
      ),
    );
    const file = await new TokenCache(options.configDir ?? defaultConfigDir()).put(
      target.issuer,
      target.audience,
      token,
    );
    io.out(
      `signed in to ${target.node}${token.user === undefined ? '' : ` as ${token.user}`} until ` +
        `${new Date(token.expiresAt).toISOString()} (token in ${file})\n`,
    );
  });

  withNodeOptions(
    program
      .command('logout')
      .description("forget the token borderlink login saved for the local stack's node"),
  ).action(async (options: NodeOptions) => {
    const target = signInTargetOf(options);
    const removed = await new TokenCache(options.configDir ?? defaultConfigDir()).remove(
      target.issuer,
      target.audience,
    );
    io.out(removed ? `signed out of ${target.node}\n` : `not signed in to ${target.node}\n`);
  });
}
