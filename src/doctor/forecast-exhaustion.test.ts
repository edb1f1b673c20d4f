import { describe, expect, it } from 'vitest';
import { forecastExhaustion, forecastPool } from './forecast-exhaustion.js';

const NOW = '2026-12-31T00:00:00.000Z';
const day = (n: number): string => new Date(Date.parse(NOW) - (30 - n) * 86_400_000).toISOString();

describe('forecastExhaustion', () => {
  it('fits a line through the samples and gives days until no CAL is free, exact when the points lie on it', () => {
    const samples = [0, 10, 20, 30].map((n) => ({ time: day(n), issued: 10 + 2 * n }));
    expect(forecastExhaustion(samples, 60, NOW)).toEqual({ kind: 'exhaustion', perDay: 2, days: 30, earliestDays: 30, latestDays: 30, growth: 60, since: day(0), samples: 4 });
  });

  it('widens the forecast into a range when the samples scatter around the line', () => {
    const issued = [10, 14, 11, 18, 15, 22];
    const forecast = forecastExhaustion(issued.map((value, n) => ({ time: day(n * 5), issued: value })), 40, NOW);
    expect(forecast.kind).toBe('exhaustion');
    if (forecast.kind !== 'exhaustion') return;
    expect(forecast.perDay).toBeCloseTo(0.4, 5);
    expect(forecast.days).toBe(100);
    expect(forecast.earliestDays).toBeLessThan(forecast.days);
    expect(forecast.latestDays).toBeGreaterThan(forecast.days);
  });

  it('uses only the newest 14 samples, so an old burst does not set the recent rate', () => {
    const old = [{ time: '2026-01-01T00:00:00.000Z', issued: 0 }];
    const recent = Array.from({ length: 14 }, (_, n) => ({ time: day(n * 2), issued: 50 + n }));
    const forecast = forecastExhaustion([...recent, ...old], 10, NOW);
    expect(forecast).toMatchObject({ kind: 'exhaustion', perDay: 0.5, days: 20, samples: 14, since: day(0) });
  });

  it('answers "no forecast" with the reason when there is one sample or issuing is flat or falling', () => {
    expect(forecastExhaustion([{ time: day(0), issued: 5 }], 10, NOW)).toEqual({ kind: 'none', reason: 'too few samples', samples: 1 });
    expect(forecastExhaustion([{ time: day(0), issued: 9 }, { time: day(30), issued: 5 }], 10, NOW)).toEqual({ kind: 'none', reason: 'issuing is not growing', samples: 2 });
    expect(forecastExhaustion([{ time: day(0), issued: 5 }, { time: day(30), issued: 5 }], 10, NOW)).toEqual({ kind: 'none', reason: 'issuing is not growing', samples: 2 });
  });

  it('ignores samples after now', () => {
    expect(forecastExhaustion([{ time: day(0), issued: 5 }, { time: '2027-06-01T00:00:00.000Z', issued: 50 }], 10, NOW)).toEqual({ kind: 'none', reason: 'too few samples', samples: 1 });
  });
});

describe('forecastPool', () => {
  const key = 'lic01.corp.contoso.com|perUser|6';
  const entry = (n: number, issued: number) => ({ time: day(n), pools: { [key]: { issued, total: 100 } } });

  it("takes the pool's earlier counts from the history and this run's count last, ignoring other pools and entries not before now", () => {
    const history = [entry(10, 40), { time: day(15), pools: { 'other|perUser|6': { issued: 1, total: 5 } } }, entry(20, 50), { time: NOW, pools: { [key]: { issued: 99, total: 100 } } }];
    const { samples, forecast } = forecastPool({ key, issued: 60, free: 40, history, now: NOW });
    expect(samples).toEqual([{ time: day(10), issued: 40 }, { time: day(20), issued: 50 }, { time: NOW, issued: 60 }]);
    expect(forecast).toEqual({ kind: 'exhaustion', perDay: 1, days: 40, earliestDays: 40, latestDays: 40, growth: 20, since: day(10), samples: 3 });
  });

  it('says there is no forecast, and why, when the pool has no history', () => {
    expect(forecastPool({ key, issued: 60, free: 40, history: [], now: NOW })).toEqual({ samples: [{ time: NOW, issued: 60 }], forecast: { kind: 'none', reason: 'too few samples', samples: 1 } });
  });
});
