import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { arr, at, DEPLOY_DIR, isObj, loadYaml, markdownAnchors, Obj, readRepoFile, str } from './deploy-files';

/**
 * deploy/prometheus/alerts.yaml against the metrics the code exports. A rule on a misspelt metric
 * or label never fires and never errors, so names are checked here, not found out in an incident.
 */

/** Exported metrics and their labels (the ops engineer's list; histograms add le and suffixes). */
const METRICS: Record<string, { labels: string[]; histogram?: true }> = {
  millwright_outbox_pending: { labels: [] },
  millwright_outbox_oldest_pending_seconds: { labels: [] },
  millwright_dlq_pending: { labels: [] },
  millwright_http_request_duration_seconds: { labels: ['route', 'method', 'status'], histogram: true },
  millwright_http_requests_total: { labels: ['route', 'method', 'status'] },
  millwright_consumer_lag: { labels: ['group', 'topic', 'partition'] },
  millwright_relay_publish_errors_total: { labels: [] },
};

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'atan2']);

/** `name{...}` -> metric family and its label names, resolving histogram series suffixes. */
function resolveMetric(series: string): { family: string; labels: string[] } | undefined {
  const direct = METRICS[series];
  if (direct) return { family: series, labels: direct.labels };
  const m = /^(.*)_(bucket|sum|count)$/.exec(series);
  const base = m?.[1] === undefined ? undefined : METRICS[m[1]];
  if (m?.[1] === undefined || !base?.histogram) return undefined;
  return { family: m[1], labels: m[2] === 'bucket' ? [...base.labels, 'le'] : base.labels };
}

interface ExprParts {
  /** Series names with the label names their selectors use. */
  selectors: { name: string; labels: string[] }[];
  /** Label names in by(...), without(...), on(...), ignoring(...), group_left/right(...). */
  groupingLabels: string[];
}

/**
 * Enough of PromQL to name what an expression reads: strings, label matchers and ranges are cut
 * out first, then an identifier followed by '(' is a function or aggregation, the rest are series.
 */
function parseExpr(expr: string): ExprParts {
  const selectors: ExprParts['selectors'] = [];
  const groupingLabels: string[] = [];
  let rest = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  rest = rest.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g, (_all, _kw: string, list: string) => {
    groupingLabels.push(...list.split(',').map((s) => s.trim()).filter(Boolean));
    return ' ';
  });
  rest = rest.replace(/([a-zA-Z_:][\w:]*)?\s*\{([^}]*)\}/g, (_all, name: string | undefined, matchers: string) => {
    const labels = [...matchers.matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)].map((m) => m[1] ?? '');
    selectors.push({ name: name ?? '', labels });
    return ' ';
  });
  rest = rest.replace(/\[[^\]]*\]/g, ' ').replace(/\boffset\s+-?\w+/g, ' ');
  rest = rest.replace(/(?<![\w:])\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi, ' ');
  for (const m of rest.matchAll(/([a-zA-Z_:][\w:]*)(\s*\()?/g)) {
    const name = m[1] ?? '';
    if (m[2] !== undefined || KEYWORDS.has(name)) continue;
    selectors.push({ name, labels: [] });
  }
  return { selectors, groupingLabels };
}

function balanced(expr: string): boolean {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (const ch of expr.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
    if ('([{'.includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) return false;
  }
  return stack.length === 0;
}

const doc = loadYaml(join(DEPLOY_DIR, 'prometheus', 'alerts.yaml'));
const rule = doc[0]?.value;
const groups = arr(at(rule, 'spec', 'groups')).filter(isObj);
const rules = groups.flatMap((g) => arr(g.rules).filter(isObj).map((r) => ({ group: String(g.name), rule: r })));
const alertRules = rules.filter((r) => typeof r.rule.alert === 'string');

describe('the expression reader used by these checks', () => {
  it('finds series, matcher labels and grouping labels, and skips functions, numbers and ranges', () => {
    const parts = parseExpr(
      'histogram_quantile(0.99, sum by (le, route) (rate(x_bucket{route!~"/health/.*", status="5.."}[5m]))) > 0.5 and on(group) deriv(y[15m:1m]) > 1e3',
    );
    expect(parts.selectors).toEqual([
      { name: 'x_bucket', labels: ['route', 'status'] },
      { name: 'y', labels: [] },
    ]);
    expect(parts.groupingLabels).toEqual(['le', 'route', 'group']);
    expect(balanced('sum(rate(a[5m])) > 0')).toBe(true);
    expect(balanced('sum(rate(a[5m)) > 0')).toBe(false);
  });
});

describe('deploy/prometheus/alerts.yaml', () => {
  it('is one PrometheusRule with named groups of alerting rules', () => {
    expect(doc).toHaveLength(1);
    expect(at(rule, 'apiVersion')).toBe('monitoring.coreos.com/v1');
    expect(at(rule, 'kind')).toBe('PrometheusRule');
    expect(str(at(rule, 'metadata', 'name'))).toBeDefined();
    expect(groups.length).toBeGreaterThan(0);
    const names = groups.map((g) => g.name);
    expect(new Set(names).size).toBe(names.length);
    expect(alertRules.length).toBe(rules.length);
  });

  it('gives alerts unique CamelCase names', () => {
    const names = alertRules.map((r) => String(r.rule.alert));
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^Millwright[A-Z][A-Za-z0-9]+$/);
  });

  it.each(alertRules.map((r) => [String(r.rule.alert), r.rule] as const))('%s has expr, for, severity, summary and a runbook', (_name, r: Obj) => {
    expect(typeof r.expr === 'string' && r.expr.trim().length > 0).toBe(true);
    expect(String(r.for)).toMatch(/^(\d+(ms|s|m|h|d|w|y))+$/);
    expect(['warning', 'critical']).toContain(at(r, 'labels', 'severity'));
    expect(String(at(r, 'annotations', 'summary') ?? '').length).toBeGreaterThan(10);
    expect(String(at(r, 'annotations', 'description') ?? '').length).toBeGreaterThan(10);
    expect(Object.keys(r).filter((k) => !['alert', 'expr', 'for', 'labels', 'annotations', 'keep_firing_for'].includes(k))).toEqual([]);
  });

  it.each(alertRules.map((r) => [String(r.rule.alert), r.rule] as const))('%s reads only exported metrics and their labels', (_name, r: Obj) => {
    const expr = String(r.expr);
    expect(balanced(expr), 'balanced brackets').toBe(true);
    const { selectors, groupingLabels } = parseExpr(expr);
    expect(selectors.length).toBeGreaterThan(0);
    const allowed = new Set<string>();
    for (const s of selectors) {
      const metric = resolveMetric(s.name);
      expect(metric, `unknown metric "${s.name}"`).toBeDefined();
      for (const l of metric?.labels ?? []) allowed.add(l);
      for (const l of s.labels) expect(metric?.labels, `label ${l} on ${s.name}`).toContain(l);
    }
    for (const l of groupingLabels) expect([...allowed], `grouping label ${l}`).toContain(l);
  });

  it.each(alertRules.map((r) => [String(r.rule.alert), r.rule] as const))('%s templates only labels that survive its aggregation', (_name, r: Obj) => {
    const kept = new Set(parseExpr(String(r.expr)).groupingLabels);
    const text = Object.values((r.annotations ?? {}) as Obj).join('\n');
    for (const m of text.matchAll(/\$labels\.(\w+)/g)) expect([...kept], `$labels.${m[1] ?? ''}`).toContain(m[1]);
  });

  it('links runbooks to sections that exist in docs/deploy.md', () => {
    const anchors = markdownAnchors(readRepoFile('docs', 'deploy.md'));
    for (const { rule: r } of alertRules) {
      const url = String(at(r, 'annotations', 'runbook_url'));
      const m = /^docs\/deploy\.md#([\w-]+)$/.exec(url);
      expect(m, `${String(r.alert)}: ${url}`).not.toBeNull();
      expect([...anchors], `${String(r.alert)}: #${m?.[1] ?? ''}`).toContain(m?.[1]);
    }
  });

  it.each([
    ['outbox backlog', (e: string) => /millwright_outbox_(pending|oldest_pending_seconds)\b/.test(e)],
    ['DLQ non-empty', (e: string) => /millwright_dlq_pending\b[^>]*>\s*0\b/.test(e)],
    ['error rate', (e: string) => /millwright_http_requests_total\{[^}]*status=~"5/.test(e)],
    ['p99 latency', (e: string) => /histogram_quantile\(\s*0\.99\s*,[\s\S]*millwright_http_request_duration_seconds_bucket/.test(e)],
    ['consumer lag', (e: string) => /millwright_consumer_lag\b/.test(e)],
    ['relay publish errors', (e: string) => /millwright_relay_publish_errors_total\b/.test(e)],
  ])('covers %s', (_what, matches) => {
    expect(alertRules.some((r) => matches(String(r.rule.expr)))).toBe(true);
  });
});
