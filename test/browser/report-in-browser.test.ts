/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML report of the example estate opened in headless Chromium, as a reader opens it: no
 * console errors and no network requests, every chart drawn, every licence server in the
 * topology, the table views holding the numbers of `report --format json`, and a screenshot
 * saved under test-artifacts/ that is not blank.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReportData } from '../../src/report/report-data.js';
import { addIssuedLicences, writeHistory } from '../support/report-fixtures.js';
import { copyExample, REPO_ROOT, runCli } from '../support/run-cli.js';
import { chromiumPath, describeInBrowser } from './browser-test-gate.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

describeInBrowser('report-in-browser', () => {
  let directory: string;
  let browser: Browser;
  let page: Page;
  let data: ReportData;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    directory = copyExample('contoso');
    addIssuedLicences(directory);
    const history = writeHistory(directory, Date.now());
    const html = await runCli(['report', '-f', 'rds.yaml', '--history', history, '--out', 'report.html'], { cwd: directory });
    expect(html.exitCode, html.stderr).toBe(0);
    const json = await runCli(['report', '-f', 'rds.yaml', '--history', history, '--format', 'json'], { cwd: directory });
    data = JSON.parse(json.stdout) as ReportData;
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(path.join(directory, 'report.html')).href, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('loads with no console error and no request beyond the file itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(path.join(directory, 'report.html')).href]);
  });

  it('draws every chart as a non-empty SVG with a text alternative', async () => {
    for (const id of ['chart-cal-pools', 'chart-grace', 'chart-topology', 'chart-trend']) {
      const chart = await page.evaluate((chartId) => {
        const svg = document.getElementById(chartId) as unknown as SVGSVGElement | null;
        if (!svg) return undefined;
        const box = svg.getBoundingClientRect();
        const labels = (svg.getAttribute('aria-labelledby') ?? '').split(' ').map((labelId) => document.getElementById(labelId)?.textContent ?? '');
        return { width: box.width, height: box.height, shapes: svg.querySelectorAll('path, rect, line, polyline, text').length, role: svg.getAttribute('role'), labels };
      }, id);
      expect(chart, id).toBeDefined();
      expect(chart!.width, id).toBeGreaterThan(100);
      expect(chart!.height, id).toBeGreaterThan(50);
      expect(chart!.shapes, id).toBeGreaterThan(5);
      expect(chart!.role, id).toBe('img');
      expect(chart!.labels.every((label) => label.length > 0), id).toBe(true);
    }
  });

  it('shows every licence server in the topology', async () => {
    const names = await page.$$eval('#chart-topology g.node-server', (nodes) => nodes.map((node) => node.getAttribute('data-name')));
    expect(names.sort()).toEqual(data.topology.licenseServers.map((server) => server.name).sort());
    expect(names).toEqual(expect.arrayContaining(['lic01.corp.contoso.com', 'lic02.corp.contoso.com', 'lic-old.corp.contoso.com']));
  });

  it('holds the same numbers in the table views as the JSON report', async () => {
    const table = (chart: string): Promise<string[][]> =>
      page.$$eval(`table[data-table-for="${chart}"] tbody tr`, (rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
    expect(await table('chart-cal-pools')).toEqual(
      data.calPools.map((row) => [row.server, row.pool, String(row.installed), String(row.issued), String(row.available), String(row.overAllocated), String(row.declared ?? ''), String(row.minFreeCals)]),
    );
    expect((await table('chart-grace')).map((row) => [row[0], row[2]])).toEqual(data.grace.hosts.map((host) => [host.host, String(host.daysLeft)]));
    expect((await table('chart-topology')).map((row) => [row[0], row[3], row[4], row[5], row[6], row[7]])).toEqual(
      data.topology.pools.flatMap((pool) => pool.edges.map((edge) => [pool.name, String(edge.order), edge.serverName, String(edge.healthy), String(edge.failing), String(edge.unknown)])),
    );
    expect((await table('chart-trend')).map((row) => [row[0], row[2], row[5]])).toEqual(data.trend!.pools.map((pool) => [pool.server, String(pool.samples.length), String(pool.samples.at(-1)!.issued)]));
    expect((await table('inventory')).map((row) => row[2])).toEqual(data.inventory.rows.map((row) => row.issuedTo));
  });

  it('links each finding to the elements that draw its hosts and servers', async () => {
    const broken = await page.$$eval('.root-cause .links a', (links) => links.map((link) => link.getAttribute('href') ?? '').filter((href) => !document.getElementById(href.slice(1))));
    expect(broken).toEqual([]);
    expect(await page.$$eval('.root-cause .links a', (links) => links.length)).toBeGreaterThan(3);
  });

  it('prints the issued-CAL table that the screen lays out only when it is scrolled to', async () => {
    const lastRow = (): Promise<{ visibility: string; height: number }> =>
      page.$eval('section[aria-labelledby="inventory"]', (section) => ({ visibility: getComputedStyle(section).contentVisibility, height: section.querySelector('tbody tr:last-child')!.getBoundingClientRect().height }));
    expect((await lastRow()).visibility).toBe('auto');
    await page.emulateMedia({ media: 'print' });
    try {
      const printed = await lastRow();
      expect(printed.visibility).toBe('visible');
      expect(printed.height).toBeGreaterThan(5);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('saves a screenshot under test-artifacts/ that is not blank', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'report-contoso.png');
    await page.screenshot({ path: file, fullPage: true });
    const blank = await browser.newPage();
    const variance = await blank.evaluate(async (png) => {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      let sum = 0;
      let squares = 0;
      const count = pixels.length / 4;
      for (let index = 0; index < pixels.length; index += 4) {
        const luminance = 0.2126 * pixels[index]! + 0.7152 * pixels[index + 1]! + 0.0722 * pixels[index + 2]!;
        sum += luminance;
        squares += luminance * luminance;
      }
      const mean = sum / count;
      return squares / count - mean * mean;
    }, readFileSync(file).toString('base64'));
    await blank.close();
    // A blank white page has variance 0; the report's text and charts give well over 100.
    expect(variance).toBeGreaterThan(100);
  });
});
