import { describe, expect, it } from 'vitest';
import { gauges, metrics, timedBackendCall } from './metrics';

describe('metrics', () => {
  it('is one registry per process, whatever loads the module', () => {
    expect(metrics()).toBe(metrics());
  });

  it('times backend calls per backend, service and outcome, and reports gauges read at scrape time', async () => {
    await timedBackendCall('openstack', 'compute', async () => 1);
    await expect(
      timedBackendCall('openstack', 'compute', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    metrics().rateLimited.inc({ limit: 'api' });
    let streams = 7;
    let statements = 40;
    gauges.openStreams = () => streams;
    gauges.dbQueries = () => statements;
    let text = await metrics().registry.metrics();
    expect(text).toMatch(
      /yuntu_backend_call_duration_seconds_count\{backend="openstack",service="compute",outcome="ok"\} 1/,
    );
    expect(text).toMatch(
      /yuntu_backend_call_duration_seconds_count\{backend="openstack",service="compute",outcome="error"\} 1/,
    );
    expect(text).toMatch(/yuntu_rate_limit_refusals_total\{limit="api"\} 1/);
    expect(text).toMatch(/^yuntu_event_streams_open 7$/m);
    expect(text).toMatch(/^yuntu_db_queries_total 40$/m);
    streams = 2;
    statements = 45;
    text = await metrics().registry.metrics();
    expect(text).toMatch(/^yuntu_event_streams_open 2$/m);
    expect(text).toMatch(/^yuntu_db_queries_total 45$/m);
  });
});
