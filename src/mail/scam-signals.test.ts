/**
 * The scam-family and sender/link-shape signals added for the "E-mail analysis" issue: for each, a hand-written
 * message that must trigger it and an ordinary one that must not. No evaluation data is used here.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMailAnalyser, type EmailAnalysis } from './index.js';
import { CATALOG, eml } from './test-fixtures.js';

const analyser = createMailAnalyser({ catalog: CATALOG });
const kinds = (r: EmailAnalysis): string[] => r.signals.filter((s) => s.weight > 0).map((s) => s.kind);
const signal = (r: EmailAnalysis, kind: string): EmailAnalysis['signals'][number] | undefined => r.signals.find((s) => s.kind === kind);

function plain(from: string, subject: string, body: string, extra: readonly string[] = []): Buffer {
  return eml([`From: ${from}`, 'To: <you@example.org>', `Subject: ${subject}`, 'Message-ID: <t@example.net>', 'Date: Tue, 03 Dec 2024 10:00:00 +0000',
    ...extra, 'Content-Type: text/plain; charset=utf-8'], body);
}

describe('scam-family lures', () => {
  const cases: readonly { kind: string; lure: Buffer; ordinary: Buffer }[] = [
    {
      kind: 'dating-lure',
      lure: plain('Anna <anna@dating-mail.example>', 'New private message', 'Hi! I am a lonely woman, looking for a man. See my private photos and find your match tonight.'),
      ordinary: plain('Tom <tom@example.org>', 'Dinner', 'We met the new neighbours yesterday; they are lovely. Dinner on Friday?'),
    },
    {
      kind: 'health-lure',
      lure: plain('Shop <deals@pills.example>', 'Weight loss without effort', 'Burn fat fast with keto gummies! Viagra and Cialis with no prescription.'),
      ordinary: plain('Dr Lee <lee@clinic.example>', 'Your appointment', 'Your appointment is confirmed for Monday at 9:00. Bring your insurance card.'),
    },
    {
      kind: 'crypto-lure',
      lure: plain('Token Team <team@drop.example>', 'Claim your tokens', 'The airdrop is live: connect your wallet and claim your tokens from the allocation program.'),
      ordinary: plain('Ana <ana@example.org>', 'Build failed', 'The wallet module fails to build on arm64; the token parser needs a fix.'),
    },
    {
      kind: 'gambling-lure',
      lure: plain('Club <vip@spin.example>', '100 free spins', 'Your welcome bonus: 100 free spins and a 300% deposit bonus at our casino.'),
      ordinary: plain('Ana <ana@example.org>', 'RAM', 'The board has two free memory slots; I will add 16 GB.'),
    },
    {
      kind: 'advance-fee-lure',
      lure: plain('Mrs Grace <grace@mail.example>', 'Dear beneficiary', 'My name is Grace. My late husband left a fund; you are the beneficiary. Send your full name and your phone number to claim the funds via an ATM card.'),
      ordinary: plain('Ana <ana@example.org>', 'Class design', 'Prefer composition over inheritance here; the base class is doing too much.'),
    },
    {
      kind: 'extortion-lure',
      lure: plain('you <you@example.org>', 'Your device was hacked', 'I hacked your phone. Your webcam recorded you on adult websites. Send 1000 USD to my bitcoin wallet or all your contacts get the video.'),
      ordinary: plain('IT <it@example.org>', 'Webcam driver', 'The webcam driver update is on the share. Reboot afterwards.'),
    },
  ];
  for (const c of cases) {
    test(`${c.kind}: fires on the lure, not on ordinary mail`, async () => {
      const lure = await analyser.analyse(c.lure);
      assert.ok(kinds(lure).includes(c.kind), `${c.kind} in ${kinds(lure).join(',')}`);
      assert.match(signal(lure, c.kind)?.detail ?? '', /: "/);
      const ordinary = await analyser.analyse(c.ordinary);
      assert.ok(!kinds(ordinary).includes(c.kind), `${c.kind} not in ${kinds(ordinary).join(',')}`);
    });
  }
});
