// The Slack Web API methods the war room uses, answered as Slack documents them: HTTP 200 with {"ok": true, ...} or
// {"ok": false, "error": "<code>"}; a Bearer bot token is required (not_authed / invalid_auth). The workspace's
// channels live in account.state.slack (created on first use) and every call is appended to
// <outDir>/slack/api.jsonl.
//   conversations.create  name (lower case, digits, - and _, at most 80), is_private -> channel; name_taken
//   conversations.invite  channel id, users (comma-separated ids) -> channel; channel_not_found, user_not_found,
//                         already_in_channel (when every user is a member already), cant_invite_self
//   chat.postMessage      channel (id or #name), text and/or blocks -> channel, ts, message; channel_not_found,
//                         no_text
import type { SandboxAccount } from './account.ts';
import { hexFromCounter } from './ids.ts';
import type { SlackWorkspaceRec } from './state.ts';

export const SLACK_API_PREFIX = 'https://slack.com/api/';

/** The bot user of the sandbox workspace (its token's owner). */
const BOT_USER = 'U0AUTOPILOT';
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

type Answer = { status: number; body: string; contentType: string; errorCode?: string };
type Channel = SlackWorkspaceRec['channels'][number];

export const isSlackApi = (url: string) => url.startsWith(SLACK_API_PREFIX);

const ok = (body: Record<string, unknown>): Answer => ({
  status: 200,
  body: JSON.stringify({ ok: true, ...body }),
  contentType: 'application/json; charset=utf-8',
});
const refused = (error: string): Answer => ({
  status: 200,
  body: JSON.stringify({ ok: false, error }),
  contentType: 'application/json; charset=utf-8',
  errorCode: error,
});

function workspace(account: SandboxAccount): SlackWorkspaceRec {
  account.state.slack ??= { channels: [] };
  return account.state.slack;
}

const channelView = (channel: Channel) => ({
  id: channel.id,
  name: channel.name,
  is_channel: true,
  is_private: channel.isPrivate,
  is_member: true,
  created: channel.created,
  creator: BOT_USER,
  name_normalized: channel.name,
});

function create(account: SandboxAccount, args: Record<string, unknown>): Answer {
  const name = typeof args.name === 'string' ? args.name : '';
  if (!name) return refused('invalid_name_required');
  if (name.length > 80) return refused('invalid_name_maxlength');
  if (!/^[a-z0-9_-]+$/.test(name)) return refused('invalid_name_specials');
  const space = workspace(account);
  if (space.channels.some((channel) => channel.name === name)) return refused('name_taken');
  const channel: Channel = {
    id: `C${hexFromCounter(account.nextCounter(), 10).toUpperCase()}`,
    name,
    isPrivate: args.is_private === true,
    created: Math.floor(account.now().getTime() / 1000),
    members: [BOT_USER],
    messages: [],
  };
  space.channels.push(channel);
  return ok({ channel: channelView(channel) });
}

function findChannel(account: SandboxAccount, reference: unknown): Channel | undefined {
  const text = typeof reference === 'string' ? reference : '';
  return workspace(account).channels.find((channel) => channel.id === text || `#${channel.name}` === text);
}

function invite(account: SandboxAccount, args: Record<string, unknown>): Answer {
  const channel = workspace(account).channels.find((candidate) => candidate.id === args.channel);
  if (!channel) return refused('channel_not_found');
  const users = String(args.users ?? '')
    .split(',')
    .map((user) => user.trim())
    .filter(Boolean);
  if (!users.length) return refused('no_user');
  if (users.includes(BOT_USER)) return refused('cant_invite_self');
  if (users.some((user) => !USER_ID.test(user))) return refused('user_not_found');
  const fresh = users.filter((user) => !channel.members.includes(user));
  if (!fresh.length) return refused('already_in_channel');
  channel.members.push(...fresh);
  return ok({ channel: channelView(channel) });
}

function postMessage(account: SandboxAccount, args: Record<string, unknown>): Answer {
  const channel = findChannel(account, args.channel);
  if (!channel) return refused('channel_not_found');
  const text = typeof args.text === 'string' ? args.text : '';
  if (!text && !Array.isArray(args.blocks)) return refused('no_text');
  const seconds = Math.floor(account.now().getTime() / 1000);
  const ts = `${seconds}.${String(account.nextCounter() % 1_000_000).padStart(6, '0')}`;
  channel.messages.push({ ts, text });
  return ok({ channel: channel.id, ts, message: { type: 'message', text, user: BOT_USER, ts } });
}

const METHODS: Record<string, (account: SandboxAccount, args: Record<string, unknown>) => Answer> = {
  'conversations.create': create,
  'conversations.invite': invite,
  'chat.postMessage': postMessage,
};

/** Answers one Web API call (`method` from the URL, the JSON body, the Authorization header). */
export function slackApi(account: SandboxAccount, method: string, headers: Headers, text: string): Answer {
  const authorization = headers.get('authorization') ?? '';
  if (!authorization.startsWith('Bearer ')) return refused('not_authed');
  if (!/^Bearer xox[bp]-[\w-]+$/.test(authorization)) return refused('invalid_auth');
  const handler = METHODS[method];
  if (!handler) return refused('unknown_method');
  let args: Record<string, unknown>;
  try {
    args = JSON.parse(text || '{}') as Record<string, unknown>;
  } catch {
    return refused('invalid_json');
  }
  const answer = handler(account, args);
  account.appendOut('slack/api.jsonl', {
    at: account.now().toISOString(),
    method,
    args,
    answer: JSON.parse(answer.body),
  });
  return answer;
}
