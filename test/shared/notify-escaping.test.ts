// Every value that comes from an event, a tag, an input or a resource reaches each channel as text: escaped for
// Slack mrkdwn (& < > as Slack documents), plain text without control characters for SNS and PagerDuty, and cut
// to the lengths the channels allow. Only the links autopilot builds (the report link) are links.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../functions/shared/notify/message.ts';
import { notify, PAGERDUTY_EVENTS_URL } from '../../functions/shared/notify/notify.ts';
import { forgetSecrets } from '../../functions/shared/notify/secrets.ts';
import { alert, deps, SLACK_URL, scriptedFetch } from '../support/notify.ts';

const sns = mockClient(SNSClient);
const ssm = mockClient(SSMClient);

beforeEach(() => {
  sns.reset();
  ssm.reset();
  forgetSecrets();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  ssm
    .on(GetParameterCommand, { Name: '/idp-autopilot/slack-webhook-url' })
    .resolves({ Parameter: { Value: SLACK_URL } });
  ssm.on(GetParameterCommand, { Name: '/idp-autopilot/pagerduty-routing-key' }).resolves({
    Parameter: { Value: 'R0UT1NGKEY' },
  });
});

const HOSTILE = '<!channel> <https://example.invalid|click to approve>';
const ESCAPED = '&lt;!channel&gt; &lt;https://example.invalid|click to approve&gt;';
// C0 controls (a forged line among them), DEL, C1 and the bidi override that reverses what follows.
const CONTROLS = 'ok\u0007\r\n- Status: Resolved\u0000\u007f\u0085\u202egnp.exe';
/** Control characters; LINE_CONTROL allows the line feeds between the fields of a multi-line text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const LINE_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

async function sent(notice: Notice) {
  const { fetchFn, postsTo } = scriptedFetch();
  await notify(notice, deps(fetchFn));
  return {
    slack: postsTo(SLACK_URL)[0].body,
    pagerDuty: postsTo(PAGERDUTY_EVENTS_URL)[0].body,
    sns: sns.commandCalls(PublishCommand)[0].args[0].input,
  };
}

/** Every mrkdwn text of a Slack payload, the top-level fallback text included. */
const slackTexts = (payload: any): string[] => [
  payload.text,
  ...payload.blocks.filter((block: any) => block.text?.type === 'mrkdwn').map((block: any) => block.text.text),
];

describe('values from data in Slack messages', () => {
  it('reach Slack as literal text: no mention, no link, & < > escaped as Slack documents', async () => {
    const { slack } = await sent({
      ...alert,
      title: `Instance i-0abc (${HOSTILE}) contained`,
      impact: 'Ask <@U123> or <!here> & <#C0123>',
      facts: { [`Tag ${HOSTILE}`]: HOSTILE },
    });
    const texts = slackTexts(slack);
    for (const text of texts) expect(text).not.toMatch(/<[!@#]|<https:\/\/example\.invalid/);
    expect(texts[0]).toContain(ESCAPED);
    expect(texts.join('\n')).toContain('Ask &lt;@U123&gt; or &lt;!here&gt; &amp; &lt;#C0123&gt;');
    expect(texts.join('\n')).toContain(`- Tag ${ESCAPED}: ${ESCAPED}`);
  });

  it('turns no URL or name into a link by itself; only the report link autopilot built is one', async () => {
    const { slack } = await sent({
      ...alert,
      facts: { Source: 'https://example.invalid/approve #idp-operations @channel' },
      link: 'https://s3.console.aws.amazon.com/s3/object/b?prefix=reports%2Fx.html&region=us-east-1',
    });
    const mrkdwn = slack.blocks.filter((block: any) => block.text?.type === 'mrkdwn');
    for (const block of mrkdwn) expect(block.text.verbatim).toBe(true);
    const links = slackTexts(slack)
      .join('\n')
      .match(/<[^>]*>/g);
    expect(links).toEqual([
      '<https://s3.console.aws.amazon.com/s3/object/b?prefix=reports%2Fx.html&amp;region=us-east-1|Open the report>',
    ]);
  });

  it('shows a link that is not https as text, never as a link', async () => {
    const { slack } = await sent({ ...alert, link: 'javascript:alert(1)|x>' });
    expect(slackTexts(slack).join('\n')).not.toMatch(/<javascript/);
    expect(slackTexts(slack).join('\n')).toContain('- Report: javascript:alert(1)|x&gt;');
  });

  it('keeps each line of data on its line and within the section limit', async () => {
    const { slack } = await sent({ ...alert, impact: CONTROLS, facts: { Long: 'x'.repeat(5000) } });
    const lines = slack.blocks[2].text.text.split('\n');
    expect(lines).not.toContain('- Status: Resolved');
    expect(slack.blocks[2].text.text.length).toBeLessThanOrEqual(3000);
    expect(slack.blocks[2].text.text).not.toMatch(LINE_CONTROL);
  });
});

describe('values from data in SNS and PagerDuty', () => {
  it('reach SNS e-mail as plain text without control characters, one line per field', async () => {
    const { sns: published } = await sent({ ...alert, title: `Contained ${CONTROLS}`, impact: CONTROLS });
    expect(published.Message).not.toMatch(LINE_CONTROL);
    expect(published.Message?.split('\n')).not.toContain('- Status: Resolved');
    expect(published.Message).toContain('- Impact: ok - Status: Resolved');
    expect(published.Subject).toMatch(/^[\x20-\x7e]{1,100}$/);
  });

  it('reach PagerDuty as plain text cut to the lengths it documents', async () => {
    const { pagerDuty } = await sent({
      ...alert,
      title: `${CONTROLS} ${'t'.repeat(2000)}`,
      facts: { Tag: HOSTILE, Noise: CONTROLS, Count: 3 },
      dedupKey: `arn:aws:states:us-east-1:123456789012:execution:${'x'.repeat(300)}`,
    });
    const { summary, custom_details: details } = pagerDuty.payload;
    expect(summary.length).toBeLessThanOrEqual(1024);
    expect(summary).toMatch(/^\[SEV2\] ok - Status: Resolved/);
    expect(summary).not.toMatch(CONTROL);
    for (const value of Object.values(details)) if (typeof value === 'string') expect(value).not.toMatch(LINE_CONTROL);
    expect(details).toMatchObject({ Tag: HOSTILE, Noise: 'ok - Status: Resolved gnp.exe', Count: 3 });
    expect(pagerDuty.dedup_key.length).toBeLessThanOrEqual(255);
    const again = await sent({
      ...alert,
      dedupKey: `arn:aws:states:us-east-1:123456789012:execution:${'x'.repeat(300)}`,
    });
    expect(again.pagerDuty.dedup_key).toBe(pagerDuty.dedup_key);
  });
});
