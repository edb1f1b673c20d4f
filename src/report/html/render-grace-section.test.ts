import { describe, expect, it } from 'vitest';
import type { GraceRow, ReportData } from '../report-data.js';
import { renderGraceSection } from './render-grace-section.js';

function graceData(hosts: GraceRow[]): ReportData {
  return { grace: { warningDays: 30, hosts } } as unknown as ReportData;
}

function host(index: number, daysLeft: number, status: GraceRow['status']): GraceRow {
  return { anchor: `host-${index}`, host: `rdsh${String(index).padStart(5, '0')}.corp.contoso.com`, daysLeft, status };
}

/** The bars: the paths in the chart's first layer of marks. */
function bars(html: string): string[] {
  const marks = html.slice(html.indexOf('layer_0_marks'));
  return marks.slice(0, marks.indexOf('</g>')).match(/<path [^>]*>/g) ?? [];
}

describe('the grace chart', () => {
  it('draws one bar per host while hosts are labelled', async () => {
    const hosts = Array.from({ length: 40 }, (_, index) => host(index, index, 'running'));
    expect(bars(await renderGraceSection(graceData(hosts)))).toHaveLength(40);
  });

  it('draws neighbouring hosts of one status and one day count as one bar, and keeps every host in the table', async () => {
    const hosts = [
      ...Array.from({ length: 3 }, (_, index) => host(index, 0, 'expired')),
      ...Array.from({ length: 997 }, (_, index) => host(3 + index, 10 + Math.floor(index / 100), 'ending')),
      ...Array.from({ length: 9000 }, (_, index) => host(1000 + index, 0, 'licensed')),
    ];
    const html = await renderGraceSection(graceData(hosts));
    const drawn = bars(html);
    expect(drawn).toHaveLength(1 + 10 + 1);
    // Runs are as wide as their hosts: the 9,000 licensed hosts fill nine tenths of the 900 px plot.
    const licensed = drawn.at(-1)!.match(/d="M([\d.]+),[\d.]+h([\d.]+)/)!;
    expect(Number(licensed[1])).toBeCloseTo(90, 5);
    expect(Number(licensed[2])).toBeCloseTo(810, 5);
    expect(html.match(/<tr id="host-\d+">/g)).toHaveLength(10_000);
  });
});
