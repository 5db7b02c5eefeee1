// Making values from data (events, tags, inputs, resources) safe for the channel they go to.

/**
 * Control characters: C0 (tab, CR and LF included: a value never starts a line of its own), DEL, C1, the line and
 * paragraph separators, and the bidi embeddings, overrides and isolates that make text read other than it is.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/** A value as one line of plain text: each run of control characters becomes one space. */
export function plainText(value: unknown): string {
  return String(value ?? '').replace(CONTROLS, ' ');
}

/** At most `max` UTF-16 units, an ellipsis marking the cut; a surrogate pair is never split. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * Text for Slack mrkdwn: & < > become &amp; &lt; &gt; (Slack, "Formatting text for app surfaces": escaping), so
 * `<!channel>`, `<@U123>` or `<https://x|label>` in data show as written instead of mentioning or linking.
 */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A Slack link `<url|label>` for a URL autopilot built; undefined unless it is https. Characters that would end
 * the link early are percent-encoded, & is escaped as in any mrkdwn text.
 */
export function slackLink(url: string, label: string): string | undefined {
  if (!/^https:\/\/[^\s]+$/.test(url)) return undefined;
  const safe = url.replace(/[|<>]/g, (c) => encodeURIComponent(c)).replace(/&/g, '&amp;');
  return `<${safe}|${slackEscape(label)}>`;
}
