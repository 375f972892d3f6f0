import { freePort, ServerControlError, type ServerHandle } from '#process';

/** How to run one kind of server as a container. */
export interface ServerContainerSpec {
  image: string;
  /** The port clients use inside the container. */
  port: number;
  command: string[];
  /** Files written into the container before it starts. */
  files?: { content: string; target: string }[];
  /** A log line the server prints once it accepts clients. */
  readyLog: RegExp;
}

const STOP_GRACE_MS = 10_000;

/**
 * Starts a container with testcontainers (loaded only here, when a Docker engine answered). The
 * client port is bound to a fixed host port, so the URL stays the same across restarts; the
 * container is kept on kill and restart so its data survives, and removed on stop.
 */
export async function startServerContainer(spec: ServerContainerSpec, scheme: string): Promise<ServerHandle> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  const hostPort = await freePort();
  const started = await new GenericContainer(spec.image)
    .withCommand(spec.command)
    .withCopyContentToContainer(spec.files ?? [])
    .withExposedPorts({ container: spec.port, host: hostPort })
    .withWaitStrategy(Wait.forLogMessage(spec.readyLog))
    .start();
  let stopped = false;
  const assertNotStopped = (action: string): void => {
    if (stopped) throw new ServerControlError(`cannot ${action} ${spec.image}: it was stopped`);
  };
  return {
    url: `${scheme}://${started.getHost()}:${hostPort}`,
    kind: 'container',
    async stop() {
      if (stopped) return;
      stopped = true;
      await started.stop({ timeout: STOP_GRACE_MS });
    },
    async restart() {
      assertNotStopped('restart');
      await started.restart({ timeout: STOP_GRACE_MS });
    },
    async kill() {
      assertNotStopped('kill');
      const client = await getContainerRuntimeClient();
      await client.container.getById(started.getId()).kill();
    },
  };
}
