import { describe, expect, it } from 'vitest';
import { proveHostsDistinct } from './prove-hosts-distinct.js';

describe('proveHostsDistinct', () => {
  it('proves pools whose names end differently distinct', () => {
    expect(proveHostsDistinct(['rdsh[001:500].pool01.corp.contoso.com', 'rdsh[501:999].pool02.corp.contoso.com', 'kiosk01.corp.contoso.com', 'lic01.corp.contoso.com'])).toBe(true);
  });

  it('gives up when one entry could end with another (case and a trailing dot ignored)', () => {
    expect(proveHostsDistinct(['rdsh[1:9].corp.contoso.com', 'RDSH5.Corp.Contoso.com.'])).toBe(false);
    expect(proveHostsDistinct(['rdsh[1:9].corp.contoso.com', 'kiosk[1:9].corp.contoso.com'])).toBe(false);
    expect(proveHostsDistinct(['web[1:9]', 'db[1:9]'])).toBe(false);
    expect(proveHostsDistinct(['kiosk01.corp.contoso.com', 'KIOSK01.corp.contoso.com.'])).toBe(false);
  });

  it('gives up on an entry with two ranges, which can name one host twice', () => {
    expect(proveHostsDistinct(['kiosk[1:11][1:11].corp.contoso.com'])).toBe(false);
  });
});
