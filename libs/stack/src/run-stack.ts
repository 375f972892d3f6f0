import { readLogTail } from '#process';
import { DemoMessageGenerator, loadDemoTemplates } from './demo-messages.js';
import { DemoPublisher } from './demo-publisher.js';
import { listenForStop } from './stop-signal.js';
import { launchStack, type RunningStack, type StackExit, type StackOptions } from './stack-launcher.js';
import { renderStackAccess, renderStackTable } from './stack-summary.js';
import { UnexpectedExitError } from './stack.errors.js';
import type { StackIo } from './stack-io.js';

/** What {@link runStack} runs: the stack, and optionally the demo stream through its nodes. */
export interface RunStackOptions extends StackOptions {
  /**
   * Folder of the example bodies (`docs/examples`) the demo stream is varied from; when set, a
   * stream of realistic alerts and notices is published through the nodes.
   */
  demoExamples?: string;
}

// Enough of a log to show why a process died; the file holds the rest.
const TAIL_LINES = 12;

async function lastLines(file: string): Promise<string> {
  return (await readLogTail(file)).split('\n').slice(-TAIL_LINES).join('\n');
}

function describeExit(exit: StackExit): string {
  const how = exit.signal === null ? `with code ${exit.code}` : `on signal ${exit.signal}`;
  return `${exit.name} exited unexpectedly ${how}`;
}

// The demo stream goes out through the running nodes, each message posted by its sender.
async function startDemo(stack: RunningStack, examples: string, io: StackIo): Promise<DemoPublisher> {
  const { nodes } = stack.summary;
  const generator = new DemoMessageGenerator(
    stack.registry,
    nodes.map((node) => node.id),
    await loadDemoTemplates(examples),
  );
  const publisher = new DemoPublisher(
    generator,
    new Map(nodes.map((node) => [node.id, { url: node.url, apiKey: node.apiKey }])),
    io,
  );
  publisher.start();
  return publisher;
}

/**
 * `borderlink up`: the whole system on this machine until SIGINT or SIGTERM (Ctrl-C), or until one
 * of its processes dies, which stops the rest and fails with an UnexpectedExitError. Whatever
 * happens, what was started is stopped.
 */
export async function runStack(options: RunStackOptions, io: StackIo): Promise<void> {
  const stop = listenForStop();
  let stack: RunningStack | undefined;
  let demo: DemoPublisher | undefined;
  try {
    stack = await launchStack(options, io);
    const died = new Promise<StackExit>((resolve) => stack?.onUnexpectedExit(resolve));
    io.out(
      `\n${renderStackTable(stack.summary)}\n${renderStackAccess(stack.summary)}\n` +
        `stack: ${stack.paths.stackFile} (with these credentials). Ctrl-C stops everything.\n\n`,
    );
    if (options.demoExamples !== undefined) demo = await startDemo(stack, options.demoExamples, io);

    const ended = await Promise.race([stop.received.then(() => undefined), died]);
    if (ended !== undefined) {
      io.err(`\n${describeExit(ended)}. The end of ${ended.logFile}:\n${await lastLines(ended.logFile)}\n\n`);
      throw new UnexpectedExitError(`${describeExit(ended)}; the stack was stopped`);
    }
  } finally {
    if (stack !== undefined) {
      io.out('stopping…\n');
      await demo?.stop();
      await stack.stop();
      io.out('stopped.\n');
    }
    stop.dispose();
  }
}
