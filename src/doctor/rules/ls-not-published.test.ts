import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInput, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { buildPlan } from '../../engine/build-plan.js';
import { numberSteps, publicationSteps } from '../../model/directory-manual-steps.js';
import { checkPublishedInAD } from './ls-not-published.js';

describe('RDSL-LS-NOT-PUBLISHED', () => {
  it('warns about a domain-scope server that is not published; apply publishes it when the spec says so', () => {
    const hidden = licenseServer(LIC01, (server) => (server.discovery = { scope: 'domain', publishedInAD: false }));
    const live = readAsLab([hidden, sessionHost('rdsh01.corp.contoso.com', { servers: [] })]);
    const [finding, ...rest] = runRule(checkPublishedInAD, doctorInputWithSpec(live, basicSpec()));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ key: `RDSL-LS-NOT-PUBLISHED:${LIC01}`, severity: 'warning', hosts: [LIC01, 'rdsh01.corp.contoso.com'] });
    expect(finding?.fix).toMatchObject({ kind: 'apply', addresses: [`licenseServer[${LIC01}].discovery`] });
  });

  it('respects a spec that deliberately says publishInAD: false, saying what the choice costs', () => {
    const hidden = licenseServer(LIC01, (server) => (server.discovery = { scope: 'domain', publishedInAD: false }));
    const live = readAsLab([hidden, sessionHost('rdsh01.corp.contoso.com', { servers: [] })]);
    const spec = basicSpec().replace('publishInAD: true', 'publishInAD: false');
    expect(spec).toContain('publishInAD: false');
    expect(runRule(checkPublishedInAD, doctorInputWithSpec(live, spec))[0]?.fix).toEqual({
      kind: 'manual',
      summary: `the spec keeps ${LIC01} unpublished on purpose (publishInAD: false); that costs discovery: session hosts with no licence server configured never find it, so list it on them (the pool's licenseServers or its GPO)`,
    });
  });

  it('leaves workgroup-scope servers alone', () => {
    const workgroup = licenseServer(LIC01, (server) => (server.discovery = { scope: 'workgroup', publishedInAD: false }));
    expect(runRule(checkPublishedInAD, doctorInput(readAsLab([workgroup])))).toEqual([]);
  });

  it('on Windows gives the manual step the plan refuses publication as, with the exact steps', () => {
    const hidden = licenseServer(LIC01, (server) => (server.discovery = { scope: 'domain', publishedInAD: false }));
    const live = readAsLab([hidden, sessionHost('rdsh01.corp.contoso.com', { servers: [] })]);
    const lab = doctorInputWithSpec(live, basicSpec());
    const windows = { ...lab, plan: buildPlan({ desired: lab.desired!, live, provider: 'windows' }) };
    expect(runRule(checkPublishedInAD, windows)[0]?.fix).toEqual({
      kind: 'manual',
      summary: `on Windows publishing it in AD is a manual step: remoting credentials do not reach the domain controller (licenseServer[${LIC01}].discovery); do it by hand: ${numberSteps(publicationSteps(LIC01, true))}`,
    });
    expect(numberSteps(publicationSteps(LIC01, true))).toContain('RD Licensing Manager (licmgr.exe), right-click the server, Review Configuration');
  });

  it('without a spec names the manual steps', () => {
    const hidden = licenseServer(LIC01, (server) => (server.discovery = { scope: 'domain', publishedInAD: false }));
    expect(runRule(checkPublishedInAD, doctorInput(readAsLab([hidden])))[0]?.fix).toEqual({
      kind: 'manual',
      summary: `publish ${LIC01} in AD by hand (on Windows rdsctl cannot: PublishLS writes the directory as the caller, whose remoting credentials do not reach a domain controller): ${numberSteps(publicationSteps(LIC01, true))}`,
    });
  });
});
