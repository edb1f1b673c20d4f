/**
 * Renderers against golden files in `__golden__/`. Run with `UPDATE_GOLDEN=1` to rewrite
 * them after an intended change, then review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, sessionHost } from '../doctor/fixtures/doctor-estate.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { buildSampleApplyReport } from './fixtures/sample-apply-report.js';
import { buildSampleLiveState } from './fixtures/sample-live-state.js';
import { buildEmptyPlan, buildPlanOverManyHosts, buildSamplePlan } from './fixtures/sample-plan.js';
import { renderApplyMarkdown } from './render-apply-markdown.js';
import { renderApplyReportJson } from './render-apply-json.js';
import { renderApplyReportText } from './render-apply-text.js';
import { renderDoctorText } from './render-doctor-text.js';
import { renderLiveStateText } from './render-live-state-text.js';
import { renderPlanJson } from './render-plan-json.js';
import { renderPlanMarkdown } from './render-plan-markdown.js';
import { renderPlanText } from './render-plan-text.js';

const GOLDEN_DIR = new URL('./__golden__/', import.meta.url);

function expectGolden(name: string, actual: string): void {
  const file = new URL(name, GOLDEN_DIR);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`__golden__/${name} is missing; run the tests with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden files', () => {
  test.each([
    ['sample-plan.txt', () => renderPlanText(buildSamplePlan(), { color: false, width: 200 })],
    ['sample-plan.md', () => renderPlanMarkdown(buildSamplePlan(), { freshness: { state: 'fresh', detail: 'computed from the live estate just now' } })],
    ['stale-plan.md', () => renderPlanMarkdown(buildSamplePlan(), { freshness: { state: 'stale', reasons: ['stale plan: licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]: licenseServer.installedLicences[windowsServer2022 perUser volume] 200 → 250 since the plan was made'] } })],
    // The size cap at work: a small cap so the golden file stays readable; the 60,000 default is tested beside the renderer.
    ['capped-plan.md', () => renderPlanMarkdown(buildPlanOverManyHosts(40), { cap: 6_000, whole: 'rdsctl show plan.json prints the whole plan.' })],
    ['sample-plan.json', () => renderPlanJson(buildSamplePlan())],
    ['empty-plan.txt', () => renderPlanText(buildEmptyPlan(), { color: false })],
    ['empty-plan.md', () => renderPlanMarkdown(buildEmptyPlan())],
    ['empty-plan.json', () => renderPlanJson(buildEmptyPlan())],
    ['apply-report.txt', () => renderApplyReportText(buildSampleApplyReport(), { color: false })],
    ['apply-report.json', () => renderApplyReportJson(buildSampleApplyReport())],
    ['apply-report.md', () => renderApplyMarkdown(buildSampleApplyReport())],
    ['live-state.txt', () => renderLiveStateText(buildSampleLiveState(), { color: false, width: 200 })],
  ])('%s', (name, render) => {
    expectGolden(name, render());
  });
});

// The same reports at the widths of a narrow pane and a classic terminal; 200 columns is the
// unwrapped layout above (the doctor report has no other golden file).
describe('golden files at a terminal width', () => {
  const brokenEstate = () =>
    runDoctor(
      doctorInput(
        readAsLab([
          licenseServer(LIC01, (server) => (server.activation = { status: 'notActivated', contactComplete: true })),
          sessionHost('rdsh01.corp.contoso.com'),
          sessionHost('rdsh02.corp.contoso.com'),
        ]),
      ),
    );
  test.each([60, 80])('%i columns', (width) => {
    expectGolden(`sample-plan.${width}.txt`, renderPlanText(buildSamplePlan(), { color: false, width }));
    expectGolden(`live-state.${width}.txt`, renderLiveStateText(buildSampleLiveState(), { color: false, width }));
    expectGolden(`doctor-report.${width}.txt`, renderDoctorText(brokenEstate(), { color: false, width }));
    expectGolden(`apply-report.${width}.txt`, renderApplyReportText(buildSampleApplyReport(), { color: false, width }));
  });
  test('200 columns', () => {
    expectGolden('doctor-report.200.txt', renderDoctorText(brokenEstate(), { color: false, width: 200 }));
    expectGolden('apply-report.200.txt', renderApplyReportText(buildSampleApplyReport(), { color: false, width: 200 }));
  });
});
