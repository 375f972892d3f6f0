// `borderlink` for agency users against the whole stack, run as a person would in the project folder
// after `npm start`: the CLI finds the stack in .data/stack.json and uses its nodes' demo keys.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BorderlinkClient } from '#client';
import { waitFor } from '#testing';
import { ROOT, useE2eStack } from '../support/e2e-stack.js';
import { EXAMPLE_ALERT } from '../support/messages.js';

const SENDER = 'kz-border';
const RECIPIENT = 'tj-border';
const CLI = join(ROOT, 'bin', 'borderlink.js');
const MISSING = '01900000-0000-7000-8000-000000000000';

/** A running `borderlink` child with what it has printed so far. */
interface CliRun {
  child: ChildProcessWithoutNullStreams;
  out: () => string;
  err: () => string;
  exited: Promise<number>;
}

describe('borderlink send, inbox --follow and ack (whole stack, the CLI as a process)', () => {
  // The sender first: the stack's first node is the one the CLI talks to without --node.
  const e2e = useE2eStack([SENDER, RECIPIENT]);
  let project: string;
  const running: CliRun[] = [];

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'bl-cli-project-'));
    // The project folder as `npm start` leaves it: the stack's data, stack.json included, in .data.
    await symlink(e2e().stack.paths.data, join(project, '.data'));
    await mkdir(join(project, 'config'));
    await writeFile(join(project, 'alert.json'), JSON.stringify(EXAMPLE_ALERT));
  });
  afterAll(async () => {
    for (const run of running) run.child.kill();
    await Promise.all(running.map((run) => run.exited));
    await rm(project, { recursive: true, force: true });
  });

  function borderlink(...args: string[]): CliRun {
    const environment = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('BORDERLINK_')),
    );
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: project,
      // No token of a real `borderlink login` on this machine may stand in for the stack's keys.
      env: { ...environment, BORDERLINK_CONFIG_DIR: join(project, 'config') },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    child.stderr.on('data', (chunk) => (err += String(chunk)));
    const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    const run = { child, out: () => out, err: () => err, exited };
    running.push(run);
    return run;
  }

  async function finished(run: CliRun): Promise<{ code: number; out: string; err: string }> {
    const code = await run.exited;
    return { code, out: run.out(), err: run.err() };
  }

  it('sends an alert from a file, shows it live in the recipient inbox, shows it in full, replies and acknowledges it back to the sender', async () => {
    const follow = borderlink('inbox', '--follow', '--node', RECIPIENT);
    await waitFor(() => follow.err().includes('following the inbox') || undefined, {
      timeoutMs: 20_000,
      what: `borderlink inbox --follow connected (stderr so far: ${follow.err()})`,
    });

    const sent = await finished(borderlink('send', 'alert.json'));
    expect(sent).toMatchObject({ code: 0, err: '' });
    const id = /^alert (\S+) accepted by kz-border/.exec(sent.out)?.[1];
    expect(id).toBeDefined();

    const line = await waitFor(
      () =>
        follow
          .out()
          .split('\n')
          .find((each) => each.includes(id!)),
      { timeoutMs: 30_000, what: `alert ${id} printed by inbox --follow` },
    );
    expect(line).toContain(`alert   ${SENDER}  afghan-border/salw`);
    // The headline in the original's language, as the sender wrote it.
    expect(line).toContain('Изъятие трёх автоматов АКМ');

    const shown = await finished(borderlink('show', id!, '--node', RECIPIENT));
    expect(shown).toMatchObject({ code: 0, err: '' });
    expect(shown.out).toContain(`from      ${SENDER} (verified)`);
    expect(shown.out).toContain('[en] Three AKM rifles and 1,200 rounds seized on the lower Panj');

    const replied = await finished(
      borderlink('reply', id!, '--node', RECIPIENT, '--text', 'Serial numbers checked: no match.'),
    );
    expect(replied).toMatchObject({ code: 0, err: '' });
    expect(replied.out).toMatch(new RegExp(`^reply \\S+ to ${id} accepted by ${RECIPIENT}`));

    const acked = await finished(borderlink('ack', id!, '--node', RECIPIENT));
    expect(acked).toMatchObject({ code: 0, err: '' });
    expect(acked.out).toMatch(new RegExp(`^acknowledged ${id} \\(receipt \\S+ accepted by ${RECIPIENT}`));

    const node = e2e().stack.summary.nodes.find((each) => each.id === SENDER)!;
    const client = new BorderlinkClient({ url: node.url, credentials: { apiKey: node.apiKey } });
    await waitFor(
      async () => {
        const message = await client.sentMessage(id!);
        return (
          message.recipients.find((recipient) => recipient.node === RECIPIENT)?.state === 'acknowledged' ||
          undefined
        );
      },
      { timeoutMs: 30_000, what: `${RECIPIENT}'s acknowledgement of ${id} seen by ${SENDER}` },
    );
  });

  it("verifies the stack's audit chain with no flags: the operator commands default to its NATS", async () => {
    const verified = await finished(borderlink('audit', 'verify'));
    expect(verified).toMatchObject({ code: 0, err: '' });
  });

  it('names what failed and what to do on one line, without a stack trace', async () => {
    const result = await finished(borderlink('show', MISSING));
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `borderlink: ${SENDER} (${e2e().url(SENDER)}) holds no message ${MISSING} that you may see: check the id (borderlink inbox)\n`,
    );
  });
});
