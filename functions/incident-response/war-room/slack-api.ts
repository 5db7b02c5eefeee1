// A minimal Slack Web API client for the war room: conversations.create, conversations.invite, chat.postMessage
// (POST https://slack.com/api/<method>, JSON body, bot token as a Bearer header). Slack answers HTTP 200 with
// {"ok": false, "error": "<code>"} for refusals and HTTP 429 with Retry-After when rate limited; both become a
// SlackApiError carrying the code, so callers match codes (name_taken, already_in_channel), never messages.

export const SLACK_API = 'https://slack.com/api/';

/** A Slack Web API refusal; `code` is Slack's error string (or `http_<status>`). */
export class SlackApiError extends Error {
  readonly code: string;
  constructor(method: string, code: string) {
    super(`Slack ${method}: ${code}`);
    this.name = 'SlackApiError';
    this.code = code;
  }
}

/** Calls one Web API method; returns Slack's JSON answer when `ok`. @throws SlackApiError otherwise. */
export async function callSlack<T extends Record<string, unknown>>(
  fetchFn: typeof fetch,
  token: string,
  method: string,
  body: Record<string, unknown>,
): Promise<T & { ok: true }> {
  const response = await fetchFn(`${SLACK_API}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const retry = response.headers.get('retry-after');
    throw new SlackApiError(method, `http_${response.status}${retry ? ` (retry after ${retry} s)` : ''}`);
  }
  const answer = (await response.json()) as { ok?: boolean; error?: string };
  if (!answer.ok) throw new SlackApiError(method, answer.error ?? 'unknown_error');
  return answer as T & { ok: true };
}

/** Slack's mrkdwn control characters (&, <, >) escaped, so alarm text never becomes a mention or a link. */
export const escapeSlack = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
