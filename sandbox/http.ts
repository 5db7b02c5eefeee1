// The sandbox's stand-in for the HTTP APIs the autopilot talks to: Slack incoming webhooks, the Slack Web API
// methods of the war room (slack-api.ts) and the PagerDuty Events API v2. `installFetchSandbox` replaces
// globalThis.fetch; requests are validated as the real endpoints do, recorded in account.calls (service 'Slack' /
// 'PagerDuty') and appended to <outDir>/slack/messages.jsonl, <outDir>/slack/api.jsonl and
// <outDir>/pagerduty/events.jsonl. The account's configured endpoints (state.global.http.endpoints, seeded from
// sandbox/seed/estate/http.yaml) answer what they declare first, e.g. what a green environment answers to smoke tests
// (service 'HTTP'); one that hangs answers only its caller's abort signal. Otherwise a GET to a name of the estate's
// Route 53 zones is answered by the load balancer it resolves to (dns-http.ts; service 'HTTP'). Any other URL
// throws: nothing leaves the box.
import type { SandboxAccount } from './account.ts';
import { syntheticGet } from './dns-http.ts';
import { hexFromCounter } from './ids.ts';
import { isSlackApi, SLACK_API_PREFIX, slackApi } from './slack-api.ts';

const SLACK_WEBHOOK = /^https:\/\/hooks\.slack\.com\/services\/[^/]+\/[^/]+\/[^/]+$/;
/** The Events API v2 of PagerDuty's US and EU service regions. */
const PAGERDUTY_ENQUEUE = /^https:\/\/events(\.eu)?\.pagerduty\.com\/v2\/enqueue$/;
const PAGERDUTY_ACTIONS = ['trigger', 'acknowledge', 'resolve'];
const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'];

export type Reply = { status: number; body: string; contentType: string; errorCode?: string };

export function installFetchSandbox(account: SandboxAccount): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = async (resource: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(resource, init);
    const url = request.url;
    const text = request.method === 'GET' ? '' : await request.text();
    await account.simulateLatency();
    let reply: Reply;
    let service: string;
    let operation: string | undefined;
    if (SLACK_WEBHOOK.test(url) && request.method === 'POST') {
      service = 'Slack';
      reply = injectedFault(account, service) ?? slackWebhook(account, url, text);
    } else if (isSlackApi(url) && request.method === 'POST') {
      service = 'Slack';
      operation = url.slice(SLACK_API_PREFIX.length);
      reply = injectedFault(account, service, operation) ?? slackApi(account, operation, request.headers, text);
    } else if (PAGERDUTY_ENQUEUE.test(url) && request.method === 'POST') {
      service = 'PagerDuty';
      reply = injectedFault(account, service) ?? pagerDutyEnqueue(account, text);
    } else if (endpointFor(account, url, request.method)) {
      const endpoint = endpointFor(account, url, request.method)!;
      account.record({ service: 'HTTP', operation: request.method, region: 'global', input: { url, body: text } });
      if (endpoint.hang) return hangUntilAborted(request.signal);
      return new Response(endpoint.body ?? '', {
        status: endpoint.status,
        headers: { 'content-type': endpoint.contentType ?? 'application/json' },
      });
    } else if (request.method === 'GET' && syntheticGet(account, url)) {
      service = 'HTTP';
      const answered = syntheticGet(account, url)!;
      reply = injectedFault(account, service, 'GET') ?? {
        status: answered.status,
        body: answered.body,
        contentType: 'text/plain',
      };
      account.record({
        service,
        operation: 'GET',
        region: 'global',
        input: { url, via: answered.via },
        errorCode: reply.errorCode,
      });
      return new Response(reply.body, { status: reply.status, headers: { 'content-type': reply.contentType } });
    } else {
      throw new TypeError(
        `fetch to ${request.method} ${url} is not allowed in the sandbox (only Slack webhooks, the Slack Web API, PagerDuty Events v2 and the endpoints the account declares)`,
      );
    }
    account.record({
      service,
      operation: operation ?? (service === 'Slack' ? 'PostWebhook' : 'Enqueue'),
      region: 'global',
      endpoint: new URL(url).host,
      input: parseJson(text) ?? text,
      errorCode: reply.errorCode,
    });
    const headers: Record<string, string> = { 'content-type': reply.contentType };
    if (reply.status === 429) headers['retry-after'] = '30';
    return new Response(reply.body, { status: reply.status, headers });
  };
  return () => {
    globalThis.fetch = original;
  };
}

/** The configured endpoint answering this URL and method, if any. */
function endpointFor(account: SandboxAccount, url: string, method: string) {
  return account.state.global.http?.endpoints.find(
    (endpoint) => endpoint.url === url && (!endpoint.method || endpoint.method.toUpperCase() === method),
  );
}

/** A server that never answers: the request ends only when its signal aborts (the caller's timeout), as fetch does. */
function hangUntilAborted(signal: AbortSignal): Promise<Response> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Faults configured for 'Slack'/'PagerDuty' answer like those services under load: 429, or 500 for 5xx codes. */
function injectedFault(account: SandboxAccount, service: string, operation?: string): Reply | undefined {
  const fault = account.faultFor(service, operation ?? (service === 'Slack' ? 'PostWebhook' : 'Enqueue'), 'global');
  if (!fault) return undefined;
  const status = fault.$metadata.httpStatusCode >= 500 ? 500 : 429;
  if (service === 'Slack')
    return {
      status,
      body: status === 429 ? 'rate_limited' : 'internal_error',
      contentType: 'text/plain',
      errorCode: fault.name,
    };
  const body = JSON.stringify({ status: status === 429 ? 'throttle event' : 'error', message: fault.message });
  return { status, body, contentType: 'application/json', errorCode: fault.name };
}

/** Slack answers 200 'ok', or 400 with a plain-text reason for payloads it cannot post. */
function slackWebhook(account: SandboxAccount, url: string, text: string): Reply {
  const payload = parseJson(text);
  if (!payload)
    return { status: 400, body: 'invalid_payload', contentType: 'text/plain', errorCode: 'invalid_payload' };
  if (!payload.text && !payload.blocks && !payload.attachments) {
    return { status: 400, body: 'no_text', contentType: 'text/plain', errorCode: 'no_text' };
  }
  const webhook = url.replace(/[^/]+$/, '***');
  account.appendOut('slack/messages.jsonl', { at: account.now().toISOString(), webhook, payload });
  return { status: 200, body: 'ok', contentType: 'text/plain' };
}

/** Events API v2: 202 with a dedup_key, or 400 'invalid event' with the reasons PagerDuty gives. */
function pagerDutyEnqueue(account: SandboxAccount, text: string): Reply {
  const event = parseJson(text);
  const errors: string[] = [];
  if (!event) errors.push('Event object is invalid');
  else {
    if (typeof event.routing_key !== 'string' || event.routing_key.length !== 32) {
      errors.push("Length of 'routing_key' is incorrect (should be 32 characters)");
    }
    if (!PAGERDUTY_ACTIONS.includes(String(event.event_action))) errors.push("'event_action' is invalid");
    const payload = event.payload as Record<string, unknown> | undefined;
    if (event.event_action === 'trigger') {
      if (!payload?.summary) errors.push("'payload.summary' is missing or blank");
      if (!payload?.source) errors.push("'payload.source' is missing or blank");
      if (!PAGERDUTY_SEVERITIES.includes(String(payload?.severity))) errors.push("'payload.severity' is invalid");
    } else if (!event.dedup_key) {
      errors.push("'dedup_key' is required for acknowledge and resolve events");
    }
  }
  if (errors.length) {
    const body = JSON.stringify({ status: 'invalid event', message: 'Event object is invalid', errors });
    return { status: 400, body, contentType: 'application/json', errorCode: 'invalid event' };
  }
  const dedupKey = (event!.dedup_key as string | undefined) ?? hexFromCounter(account.nextCounter(), 32);
  account.appendOut('pagerduty/events.jsonl', {
    at: account.now().toISOString(),
    event: { ...event, dedup_key: dedupKey },
  });
  const body = JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: dedupKey });
  return { status: 202, body, contentType: 'application/json' };
}
