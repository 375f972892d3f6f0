// The operators' monitoring in deploy/: the Prometheus alert rules pass promtool's check and their own
// unit tests (rules.test.yml), and the rules and the Grafana dashboard query only metrics that the
// apps export, so renaming a metric in code breaks this test rather than an operator's alert.
// Needs promtool on the PATH (Debian's `prometheus` package).
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '../../../..');
const PROMETHEUS = join(ROOT, 'deploy/prometheus');
const DASHBOARD = join(ROOT, 'deploy/grafana/borderlink.json');
// A histogram's series carry these after its name.
const HISTOGRAM_SERIES = /_(bucket|sum|count)$/;

/** promtool's exit code and output, run in deploy/prometheus. */
function promtool(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('promtool', args, { cwd: PROMETHEUS }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, output: `${stdout}${stderr}${error?.message ?? ''}` });
    });
  });
}

/** Every `bl_*` metric name the apps' and libraries' code registers (string literals outside tests). */
function exportedMetrics(): Set<string> {
  const names = new Set<string>();
  for (const top of ['apps', 'libs']) {
    for (const app of readdirSync(join(ROOT, top))) {
      const src = join(ROOT, top, app, 'src');
      let files: string[];
      try {
        files = readdirSync(src, { recursive: true, encoding: 'utf8' });
      } catch {
        continue;
      }
      for (const file of files.filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.spec.ts'))) {
        for (const [, name] of readFileSync(join(src, file), 'utf8').matchAll(/'(bl_[a-z0-9_]+)'/g))
          names.add(name!);
      }
    }
  }
  return names;
}

/** The `bl_*` metrics a PromQL expression reads (quoted label values left out). */
function queriedMetrics(expr: string): string[] {
  const unquoted = expr.replace(/"[^"]*"/g, '""');
  return [...unquoted.matchAll(/\bbl_[a-z0-9_]+\b/g)].map(([name]) => name);
}

/** Names among `queried` that no code exports (a histogram's series by its own name). */
function unknown(queried: readonly string[], exported: ReadonlySet<string>): string[] {
  return queried.filter((name) => !exported.has(name) && !exported.has(name.replace(HISTOGRAM_SERIES, '')));
}

interface RuleFile {
  groups: { rules: { alert?: string; expr: string; labels?: Record<string, string> }[] }[];
}

interface Panel {
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
}

const rules = (parse(readFileSync(join(PROMETHEUS, 'rules.yml'), 'utf8')) as RuleFile).groups.flatMap(
  (group) => group.rules,
);

describe("the operators' Prometheus rules", () => {
  it('pass promtool check rules', async () => {
    const { code, output } = await promtool('check', 'rules', 'rules.yml');
    expect({ code, output }).toMatchObject({ code: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('pass their promtool unit tests: each alert fires when it should and stays quiet when healthy', async () => {
    const { code, output } = await promtool('test', 'rules', 'rules.test.yml');
    expect({ code, output }).toMatchObject({ code: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('give every alert a severity, and test each one', () => {
    const tested = readFileSync(join(PROMETHEUS, 'rules.test.yml'), 'utf8');
    for (const rule of rules) {
      expect(rule.labels?.['severity']).toMatch(/^(critical|warning)$/);
      expect(tested).toContain(`alertname: ${rule.alert}`);
    }
  });

  it('read only metrics the apps export', () => {
    const queried = rules.flatMap((rule) => queriedMetrics(rule.expr));
    expect(queried.length).toBeGreaterThan(0);
    expect(unknown(queried, exportedMetrics())).toEqual([]);
  });
});

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
    templating: { list: { name: string; type: string; query: unknown }[] };
    panels: Panel[];
  };
  const panels = dashboard.panels.filter((panel) => panel.type !== 'row');

  it('picks its Prometheus data source from a variable that every panel and query uses', () => {
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
    for (const panel of panels) {
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) expect(target.datasource?.uid).toBe('${datasource}');
    }
  });

  it('queries only metrics the apps export', () => {
    const queried = panels.flatMap((panel) => (panel.targets ?? []).flatMap((t) => queriedMetrics(t.expr)));
    expect(unknown(queried, exportedMetrics())).toEqual([]);
    for (const name of ['bl_heartbeat_age_seconds', 'bl_consumer_pending', 'bl_audit_verified'])
      expect(queried).toContain(name);
  });
});
