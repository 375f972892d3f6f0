import { Injectable } from '@nestjs/common';
import { ConsoleConfig } from '../config/console.config.js';

const TIMEOUT_MS = 3_000;

/** What one server's monitoring endpoints answered. */
export interface MonitoredServer {
  url: string;
  varz: unknown;
  routez: unknown;
  leafz: unknown;
  jsz: unknown;
}

/** The NATS servers' monitoring endpoints (CONSOLE_NATS_MONITOR_URL): `/varz`, `/routez`, `/leafz`, `/jsz`. */
@Injectable()
export class NatsMonitorRepository {
  private readonly urls: string[];

  constructor(config: ConsoleConfig) {
    this.urls = (config.CONSOLE_NATS_MONITOR_URL ?? '')
      .split(',')
      .map((url) => url.trim().replace(/\/+$/, ''))
      .filter((url) => url !== '');
  }

  get configured(): boolean {
    return this.urls.length > 0;
  }

  /** Every configured server's answers; a server that does not answer is left out. */
  async servers(): Promise<MonitoredServer[]> {
    const read = async (url: string): Promise<MonitoredServer | undefined> => {
      try {
        const [varz, routez, leafz, jsz] = await Promise.all(
          ['varz', 'routez', 'leafz', 'jsz'].map((path) => this.json(`${url}/${path}`)),
        );
        return { url, varz, routez, leafz, jsz };
      } catch {
        return undefined;
      }
    };
    const answers = await Promise.all(this.urls.map(read));
    return answers.filter((answer): answer is MonitoredServer => answer !== undefined);
  }

  private async json(url: string): Promise<unknown> {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  }
}
