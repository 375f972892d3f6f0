import { register } from 'prom-client';
import { MetricsService } from './metrics.service.js';

const options = { service: 'hub', nats: 'unused' };

describe('MetricsService', () => {
  it('exposes the bl_* metrics and process defaults, labelled with the service', async () => {
    const metrics = new MetricsService(options);

    metrics.published.inc({ kind: 'alert' });
    metrics.delivered.inc({ kind: 'alert' }, 3);
    metrics.rejected.inc({ reason: 'signature-invalid' });
    metrics.handlerSeconds.observe({ handler: 'ingress' }, 0.0002);

    const text = await metrics.registry.metrics();
    expect(text).toContain('bl_published_total{kind="alert",service="hub"} 1');
    expect(text).toContain('bl_delivered_total{kind="alert",service="hub"} 3');
    expect(text).toContain('bl_rejected_total{reason="signature-invalid",service="hub"} 1');
    const { values } = await metrics.handlerSeconds.get();
    const bucket = (le: number) =>
      values.find(
        (value) =>
          value.metricName === 'bl_handler_duration_seconds_bucket' &&
          (value.labels as Record<string, unknown>).le === le,
      )?.value;
    expect(bucket(0.0001)).toBe(0);
    expect(bucket(0.00025)).toBe(1);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('keeps its own registry, so two apps in one process count separately', async () => {
    const hub = new MetricsService(options);
    const node = new MetricsService({ ...options, service: 'node' });

    hub.published.inc({ kind: 'alert' });

    expect(await node.registry.getSingleMetricAsString('bl_published_total')).not.toContain('kind="alert"');
    expect(await register.getMetricsAsJSON()).toEqual([]);
  });
});
