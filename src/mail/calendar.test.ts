/**
 * Links in calendar invitations (analyser 1.9): an `.ics` attachment's DESCRIPTION, URL and ATTACH lines, unfolded
 * (RFC 5545 folds lines at 75 octets, so a link is often cut in two). Hand-written messages only.
 */
import { test } from 'node:test';
import assert from '../test-assert.js';
import { createMailAnalyser } from './index.js';
import { CATALOG, eml } from './test-fixtures.js';

test("a calendar invitation's folded link is the message's, and the detail says it was in the invitation", async () => {
  const analyser = createMailAnalyser({ catalog: CATALOG });
  const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:1@calendar.example', 'SUMMARY:Payment review',
    'DESCRIPTION:Your PayPal payment is on hold. Review it here: https://paypa1-',
    ' login.com/review?case=88 before Friday.', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
  const message = eml([
    'From: "Calendar" <invites@calendar-notice.example>', 'To: <anna@example.org>', 'Subject: Invitation: Payment review', 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="c"',
  ], ['--c', 'Content-Type: text/plain', '', 'You have been invited.', '--c',
    'Content-Type: text/calendar; method=REQUEST; charset=utf-8', 'Content-Disposition: attachment; filename="invite.ics"', '', ics, '--c--', ''].join('\r\n'));
  const r = await analyser.analyse(message);
  assert.deepEqual(r.links, ['https://paypa1-login.com/review?case=88']);
  assert.match(r.signals.find((s) => s.kind === 'risky-link')?.detail ?? '', /^a link in the calendar invitation "invite\.ics" to paypa1-login\.com is a lookalike/);
});
