import { describe, expect, it } from 'vitest';
import { tryExpandHostPattern } from '../spec/host-range.js';
import { foldHostRanges } from './fold-host-ranges.js';

function expandAll(entries: readonly string[]): string[] {
  return entries.flatMap((entry) => {
    const expansion = tryExpandHostPattern(entry);
    if (!expansion.ok) throw new Error(expansion.reason);
    return [...expansion.names];
  });
}

describe('foldHostRanges', () => {
  it.each([
    { names: ['rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com', 'rdsh03.corp.contoso.com'], folded: ['rdsh[01:03].corp.contoso.com'] },
    { names: ['rdsh03.corp.contoso.com', 'rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com'], folded: ['rdsh[01:03].corp.contoso.com'] },
    { names: ['kiosk01.corp.contoso.com', 'kiosk03.corp.contoso.com'], folded: ['kiosk01.corp.contoso.com', 'kiosk03.corp.contoso.com'] },
    { names: ['host8', 'host9', 'host10', 'host11'], folded: ['host[8:11]'] },
    { names: ['rdsh08', 'rdsh09', 'rdsh10'], folded: ['rdsh[08:10]'] },
    { names: ['rdsh1', 'rdsh01', 'rdsh2'], folded: ['rdsh01', 'rdsh[1:2]'] },
    { names: ['a1.x', 'a2.x', 'a1.y', 'a2.y'], folded: ['a[1:2].x', 'a[1:2].y'] },
    { names: ['lic.corp', 'web', 'a5', 'a6', 'a8'], folded: ['a[5:6]', 'a8', 'lic.corp', 'web'] },
    { names: ['rdsh1.dc2.example.com', 'rdsh2.dc2.example.com'], folded: ['rdsh[1:2].dc2.example.com'] },
    { names: ['srv-01a.corp', 'srv-02a.corp'], folded: ['srv-[01:02]a.corp'] },
    { names: ['10.0.0.1', '10.0.0.2'], folded: ['10.0.0.1', '10.0.0.2'] },
  ])('folds $names into $folded', ({ names, folded }) => {
    expect(foldHostRanges(names)).toEqual(folded);
    expect(new Set(expandAll(folded))).toEqual(new Set(names));
  });

  it('folds 1,000 hosts of two pools into one range each, which expand to the same names', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `rdsh${String(i + 1).padStart(4, '0')}.pool${i < 500 ? 'a' : 'b'}.example.com`);
    const folded = foldHostRanges(names);
    expect(folded).toEqual(['rdsh[0001:0500].poola.example.com', 'rdsh[0501:1000].poolb.example.com']);
    expect(expandAll(folded)).toEqual(names);
  });
});
