// CloudWatch GetMetricData: datapoints synthesised from the seeded metric generators (baseline +- jitter, a spike
// since some minutes ago), deterministic per timestamp so two reads of one period agree; a metric the seed does
// not know has no datapoints, as on AWS. Metric-math queries are evaluated over the other queries' series of the
// same request: + - * /, parentheses, numbers, PERIOD(id) and FILL(id, value); an expression needing anything
// else fails loudly (NotImplementedInSandbox). Queries with ReturnData false are computed but not returned.
import { createHash } from 'node:crypto';
import type { GetMetricDataInput, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { awsError, NotImplementedInSandbox } from '../../errors.ts';
import type { MetricRec } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const invalid = (message: string) => awsError('InvalidParameterValue', message);

/** One series: values by epoch ms, and the period that produced it. */
interface Series {
  values: Map<number, number>;
  period: number;
}

/** A stable number in [-1, 1] for one metric at one time. */
function noise(metric: MetricRec, time: number): number {
  const digest = createHash('sha256')
    .update(`${metric.Namespace}/${metric.MetricName}/${JSON.stringify(metric.Dimensions)}/${time}`)
    .digest();
  return (digest.readUInt32BE(0) / 0xffffffff) * 2 - 1;
}

const sameDimensions = (a: { Name?: string; Value?: string }[] = [], b: { Name: string; Value: string }[]) =>
  a.length === b.length && a.every((d) => b.some((e) => e.Name === d.Name && e.Value === d.Value));

function statSeries(ctx: HandlerContext, query: MetricDataQuery, start: number, end: number): Series {
  const { Metric, Period } = query.MetricStat!;
  if (!Period || Period < 1 || (Period >= 60 && Period % 60 !== 0)) {
    throw invalid(
      `The value ${Period} for parameter MetricDataQueries.member.${query.Id}.MetricStat.Period is not valid.`,
    );
  }
  const metric = ctx.regional.cloudwatch.metrics.find(
    (m) =>
      m.Namespace === Metric?.Namespace &&
      m.MetricName === Metric?.MetricName &&
      sameDimensions(Metric?.Dimensions, m.Dimensions),
  );
  const values = new Map<number, number>();
  const periodMs = Period * 1000;
  const now = ctx.now().getTime();
  if (metric) {
    for (let time = Math.ceil(start / periodMs) * periodMs; time < end && time <= now; time += periodMs) {
      const spiking = metric.spike && time >= now - metric.spike.sinceMinutesAgo * 60_000;
      const level = spiking ? metric.spike!.value : metric.baseline;
      values.set(time, Math.round(Math.max(0, level + (metric.jitter ?? 0) * noise(metric, time)) * 1000) / 1000);
    }
  }
  return { values, period: Period };
}

// --- metric math -----------------------------------------------------------------------------------------------

type Node =
  | { kind: 'number'; value: number }
  | { kind: 'id'; id: string }
  | { kind: 'binary'; op: string; left: Node; right: Node }
  | { kind: 'call'; name: string; args: Node[] };

function tokenize(expression: string): string[] {
  const tokens = expression.match(/\d+(\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/(),]|\S/g) ?? [];
  return tokens;
}

function parse(expression: string): Node {
  const tokens = tokenize(expression);
  let at = 0;
  const unsupported = (what: string) =>
    new NotImplementedInSandbox('CloudWatch', 'GetMetricData', `metric math ${what} in "${expression}"`);
  const primary = (): Node => {
    const token = tokens[at++];
    if (token === undefined) throw invalid(`The expression "${expression}" is incomplete.`);
    if (token === '(') {
      const inner = sum();
      if (tokens[at++] !== ')') throw invalid(`Unbalanced parentheses in "${expression}".`);
      return inner;
    }
    if (token === '-') return { kind: 'binary', op: '-', left: { kind: 'number', value: 0 }, right: primary() };
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (/^[A-Za-z_]/.test(token)) {
      if (tokens[at] !== '(') return { kind: 'id', id: token };
      at += 1;
      const args: Node[] = [];
      while (tokens[at] !== ')') {
        args.push(sum());
        if (tokens[at] === ',') at += 1;
        else if (tokens[at] !== ')') throw invalid(`Bad argument list in "${expression}".`);
      }
      at += 1;
      if (!['PERIOD', 'FILL'].includes(token.toUpperCase())) throw unsupported(`function ${token}`);
      return { kind: 'call', name: token.toUpperCase(), args };
    }
    throw unsupported(`token ${token}`);
  };
  const product = (): Node => {
    let node = primary();
    while (tokens[at] === '*' || tokens[at] === '/')
      node = { kind: 'binary', op: tokens[at++], left: node, right: primary() };
    return node;
  };
  const sum = (): Node => {
    let node = product();
    while (tokens[at] === '+' || tokens[at] === '-')
      node = { kind: 'binary', op: tokens[at++], left: node, right: product() };
    return node;
  };
  const root = sum();
  if (at !== tokens.length) throw invalid(`Unexpected "${tokens[at]}" in "${expression}".`);
  return root;
}

const idsOf = (node: Node): string[] =>
  node.kind === 'id'
    ? [node.id]
    : node.kind === 'binary'
      ? [...idsOf(node.left), ...idsOf(node.right)]
      : node.kind === 'call'
        ? node.args.flatMap(idsOf)
        : [];

/** A series or a constant: arithmetic over series aligns timestamps (a point missing on one side is dropped). */
type Value = Series | number;

function evaluate(node: Node, series: Map<string, Series>): Value {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'id': {
      const found = series.get(node.id);
      if (!found) throw invalid(`The expression references "${node.id}", which is not a query of this request.`);
      return found;
    }
    case 'call': {
      const [arg, fill] = node.args.map((child) => evaluate(child, series));
      if (typeof arg === 'number') throw invalid(`${node.name} takes a time series.`);
      if (node.name === 'PERIOD')
        return { values: new Map([...arg.values].map(([t]) => [t, arg.period])), period: arg.period };
      return {
        values: new Map([...arg.values].map(([t, v]) => [t, Number.isNaN(v) ? Number(fill) : v])),
        period: arg.period,
      };
    }
    case 'binary': {
      const left = evaluate(node.left, series);
      const right = evaluate(node.right, series);
      const apply = (a: number, b: number) =>
        node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : b === 0 ? Number.NaN : a / b;
      if (typeof left === 'number' && typeof right === 'number') return apply(left, right);
      const times = typeof left === 'number' ? [...(right as Series).values.keys()] : [...left.values.keys()];
      const at = (value: Value, t: number) => (typeof value === 'number' ? value : value.values.get(t));
      const values = new Map<number, number>();
      for (const t of times) {
        const a = at(left, t);
        const b = at(right, t);
        if (a !== undefined && b !== undefined) {
          const result = apply(a, b);
          if (!Number.isNaN(result)) values.set(t, Math.round(result * 1e6) / 1e6);
        }
      }
      return { values, period: (typeof left === 'number' ? (right as Series) : left).period };
    }
  }
}

// --- the operation --------------------------------------------------------------------------------------------

function getMetricData(ctx: HandlerContext, input: GetMetricDataInput) {
  const queries = input.MetricDataQueries ?? [];
  if (!queries.length || queries.length > 500) throw invalid('MetricDataQueries must hold 1 to 500 queries.');
  for (const query of queries) {
    if (!query.Id || !/^[a-z][A-Za-z0-9_]*$/.test(query.Id)) {
      throw invalid(
        `The value ${query.Id} for parameter MetricDataQueries.member.Id is not valid: it must start with a lowercase letter.`,
      );
    }
    if (Boolean(query.MetricStat) === Boolean(query.Expression)) {
      throw invalid(`Query ${query.Id} must have exactly one of MetricStat and Expression.`);
    }
  }
  const start = input.StartTime ? new Date(input.StartTime).getTime() : Number.NaN;
  const end = input.EndTime ? new Date(input.EndTime).getTime() : Number.NaN;
  if (Number.isNaN(start) || Number.isNaN(end))
    throw awsError('MissingParameter', 'StartTime and EndTime are required.');
  if (start >= end) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  const series = new Map<string, Series>();
  for (const query of queries.filter((q) => q.MetricStat)) series.set(query.Id!, statSeries(ctx, query, start, end));
  // Expressions may use one another: evaluate those whose inputs are ready until none is left.
  let pending = queries.filter((q) => q.Expression).map((query) => ({ query, node: parse(query.Expression!) }));
  while (pending.length) {
    const ready = pending.filter(({ node }) => idsOf(node).every((id) => series.has(id)));
    if (!ready.length) throw invalid('Metric math expressions reference unknown or circular ids.');
    for (const { query, node } of ready) {
      const value = evaluate(node, series);
      if (typeof value === 'number') throw invalid(`The expression of ${query.Id} must produce a time series.`);
      series.set(query.Id!, value);
    }
    pending = pending.filter((item) => !ready.includes(item));
  }
  const descending = input.ScanBy !== 'TimestampAscending';
  const results = queries
    .filter((query) => query.ReturnData !== false)
    .map((query) => {
      const points = [...series.get(query.Id!)!.values].sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0]));
      return {
        Id: query.Id,
        Label: query.Label ?? query.MetricStat?.Metric?.MetricName ?? query.Id,
        Timestamps: points.map(([t]) => new Date(t).toISOString()),
        Values: points.map(([, v]) => v),
        StatusCode: 'Complete',
        Messages: [],
      };
    });
  return { MetricDataResults: results, Messages: [] };
}

export const metricDataHandlers: Handlers = { GetMetricData: getMetricData };
