import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from './doctor-input.js';
import { formatHistoryLine } from './history-line.js';
import { thinHistory, type HistorySample } from './thin-history.js';

const NOW = Date.parse('2026-12-03T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function sample(time: number, grace?: Record<string, number>): HistorySample {
  const entry: HistoryEntry = { time: new Date(time).toISOString(), pools: { 'lic01|perUser|7': { issued: 40, total: 100 } }, ...(grace ? { grace } : {}) };
  return { time, text: formatHistoryLine(entry), entry };
}

const times = (samples: readonly HistorySample[]): string[] => samples.map((item) => new Date(item.time).toISOString());

describe('thinning the doctor history', () => {
  it('keeps every sample of the last day, one an hour for a week, one a day for 90 days, one a week to 400 days', () => {
    const samples: HistorySample[] = [];
    // A run every 20 minutes for 500 days.
    for (let time = NOW - 500 * DAY; time <= NOW; time += 20 * 60_000) samples.push(sample(time));
    const kept = thinHistory(samples, { now: NOW });
    const ages = kept.map((item) => NOW - item.time);
    expect(ages.filter((age) => age <= DAY)).toHaveLength(73); // 24 h every 20 min, both ends
    expect(ages.filter((age) => age > DAY && age <= 7 * DAY)).toHaveLength(6 * 24);
    // 2026-09-04 (its afternoon is within 90 days) to 2026-11-26 (its morning is beyond 7 days).
    expect(ages.filter((age) => age > 7 * DAY && age <= 90 * DAY)).toHaveLength(84);
    expect(ages.filter((age) => age > 90 * DAY && age <= 400 * DAY).length).toBeGreaterThanOrEqual(44);
    expect(ages.filter((age) => age > 90 * DAY && age <= 400 * DAY).length).toBeLessThanOrEqual(46); // 310 days, partial weeks at both ends
    expect(Math.max(...ages)).toBeLessThanOrEqual(400 * DAY);
    expect(kept.length).toBe(73 + 144 + 84 + ages.filter((age) => age > 90 * DAY).length);
    // Each hour, day or week keeps its last sample.
    expect(times(kept).filter((time) => time.startsWith('2026-11-01'))).toEqual(['2026-11-01T23:40:00.000Z']);
    expect(times(kept).filter((time) => time.startsWith('2026-11-30T07'))).toEqual(['2026-11-30T07:40:00.000Z']);
  });

  it('never drops the newest sample, however old it is, and keeps the result in time order', () => {
    const old = [sample(NOW - 600 * DAY), sample(NOW - 500 * DAY)];
    expect(times(thinHistory([old[1]!, old[0]!], { now: NOW }))).toEqual([new Date(NOW - 500 * DAY).toISOString()]);
  });

  it('keeps grace days on the last day and on the newest sample only', () => {
    const grace = { 'rdsh01.corp.contoso.com': 12 };
    const kept = thinHistory([sample(NOW - 3 * DAY, grace), sample(NOW - 2 * HOUR, grace), sample(NOW - 10 * DAY, grace)], { now: NOW });
    expect(kept.map((item) => item.entry?.grace)).toEqual([undefined, undefined, grace]);
    expect(JSON.parse(kept[0]!.text)).toEqual({ formatVersion: 1, time: new Date(NOW - 10 * DAY).toISOString(), pools: { 'lic01|perUser|7': { issued: 40, total: 100 } } });
    const alone = thinHistory([sample(NOW - 10 * DAY, grace)], { now: NOW });
    expect(alone[0]!.entry?.grace).toEqual(grace);
  });

  it('sheds grace days and then the oldest samples to stay under the size cap, never the newest', () => {
    const grace = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`rdsh${index}.corp.contoso.com`, 30]));
    const samples = Array.from({ length: 20 }, (_, index) => sample(NOW - index * HOUR, grace));
    const withGrace = Buffer.byteLength(samples[0]!.text) + 1;
    const bare = Buffer.byteLength(formatHistoryLine({ time: samples[0]!.entry!.time, pools: samples[0]!.entry!.pools })) + 1;
    const kept = thinHistory(samples, { now: NOW, maxBytes: 5 * withGrace + 15 * bare });
    expect(kept).toHaveLength(20);
    expect(kept.filter((item) => item.entry?.grace !== undefined).map((item) => NOW - item.time)).toEqual([4 * HOUR, 3 * HOUR, 2 * HOUR, HOUR, 0]);
    const tight = thinHistory(samples, { now: NOW, maxBytes: withGrace + 3 * bare });
    expect(tight.map((item) => NOW - item.time)).toEqual([3 * HOUR, 2 * HOUR, HOUR, 0]);
    expect(tight.at(-1)!.entry?.grace).toEqual(grace);
    expect(thinHistory(samples, { now: NOW, maxBytes: 10 })).toEqual([samples[0]]);
  });

  it('keeps lines of a newer format as they are, and gives the same answer whatever the order of the lines', () => {
    const newer: HistorySample = { time: NOW - 200 * DAY, text: '{"formatVersion":2,"time":"x"}' };
    const samples = [newer, ...Array.from({ length: 300 }, (_, index) => sample(NOW - index * 7 * HOUR))];
    const forwards = thinHistory(samples, { now: NOW });
    const backwards = thinHistory([...samples].reverse(), { now: NOW });
    expect(forwards.map((item) => item.text)).toEqual(backwards.map((item) => item.text));
    expect(forwards).toContain(newer);
  });
});
