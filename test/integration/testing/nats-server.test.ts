import { existsSync } from 'node:fs';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ServerControlError, startNats, type NatsServerHandle } from '#testing';

async function withConnection<T>(url: string, use: (nc: NatsConnection) => Promise<T>): Promise<T> {
  const nc = await connect({ servers: url });
  try {
    return await use(nc);
  } finally {
    await nc.close();
  }
}

async function createStreamWithMessages(url: string, stream: string, count: number): Promise<void> {
  await withConnection(url, async (nc) => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [`${stream}.>`], storage: StorageType.File });
    const js = jetstream(nc);
    for (let i = 1; i <= count; i++)
      await js.publish(`${stream}.msg`, `message ${i}`, { msgID: `${stream}-${i}` });
  });
}

async function storedMessages(url: string, stream: string): Promise<string[]> {
  return withConnection(url, async (nc) => {
    const jsm = await jetstreamManager(nc);
    const { state } = await jsm.streams.info(stream);
    const bodies: string[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const stored = await jsm.streams.getMessage(stream, { seq });
      if (stored !== null) bodies.push(stored.string());
    }
    return bodies;
  });
}

describe('startNats', () => {
  let nats: NatsServerHandle;

  beforeAll(async () => {
    nats = await startNats();
  });

  afterAll(async () => {
    await nats.stop();
  });

  it('starts a private server that answers with JetStream on', async () => {
    expect(nats.kind).not.toBe('env');
    const info = await withConnection(nats.url, async (nc) => (await jetstreamManager(nc)).getAccountInfo());
    expect(info.streams).toBe(0);
  });

  it("keeps a stream's messages across a graceful restart on the same URL", async () => {
    await createStreamWithMessages(nats.url, 'RESTARTED', 3);

    await nats.restart();

    expect(await storedMessages(nats.url, 'RESTARTED')).toEqual(['message 1', 'message 2', 'message 3']);
  });

  it("keeps a stream's messages across a crash (kill, then restart)", async () => {
    await createStreamWithMessages(nats.url, 'CRASHED', 2);

    await nats.kill();
    await expect(connect({ servers: nats.url, reconnect: false })).rejects.toThrow();
    await nats.restart();

    expect(await storedMessages(nats.url, 'CRASHED')).toEqual(['message 1', 'message 2']);
  });
});

describe('startNats options', () => {
  it('runs config text with the port and store dir filled in', async () => {
    const nats = await startNats({
      config: 'server_name: bl-config-test\njetstream { store_dir: "{{storeDir}}" }\n',
    });
    try {
      await withConnection(nats.url, async (nc) => {
        expect(nc.info?.server_name).toBe('bl-config-test');
        expect(nc.info?.jetstream).toBe(true);
      });
      if (nats.storeDir !== undefined) expect(existsSync(nats.storeDir)).toBe(true);
    } finally {
      await nats.stop();
    }
  });

  it('starts without JetStream when asked', async () => {
    const nats = await startNats({ jetstream: false });
    try {
      await withConnection(nats.url, async (nc) => {
        expect(nc.info?.jetstream ?? false).toBe(false);
        await expect(jetstreamManager(nc)).rejects.toThrow();
      });
    } finally {
      await nats.stop();
    }
  });

  it('removes its data on stop and refuses to restart afterwards', async () => {
    const nats = await startNats();
    await createStreamWithMessages(nats.url, 'GONE', 1);

    await nats.stop();
    await nats.stop();

    if (nats.storeDir !== undefined) expect(existsSync(nats.storeDir)).toBe(false);
    await expect(nats.restart()).rejects.toBeInstanceOf(ServerControlError);
  });
});

describe('startNats with a shared server in NATS_URL', () => {
  const saved = process.env.NATS_URL;
  let privateServer: NatsServerHandle;

  beforeAll(async () => {
    privateServer = await startNats();
    process.env.NATS_URL = privateServer.url;
  });

  afterAll(async () => {
    if (saved === undefined) delete process.env.NATS_URL;
    else process.env.NATS_URL = saved;
    await privateServer.stop();
  });

  it('uses it only when the caller accepts a shared server', async () => {
    const shared = await startNats({ shared: true });
    const own = await startNats();
    try {
      expect(shared).toMatchObject({ kind: 'env', url: privateServer.url });
      expect(own.kind).not.toBe('env');
      expect(own.url).not.toBe(privateServer.url);
    } finally {
      await own.stop();
      await shared.stop();
    }
  });

  it('never restarts or kills a shared server', async () => {
    const shared = await startNats({ shared: true });

    await expect(shared.restart()).rejects.toBeInstanceOf(ServerControlError);
    await expect(shared.kill()).rejects.toBeInstanceOf(ServerControlError);
    await withConnection(privateServer.url, (nc) => nc.flush());
  });
});
