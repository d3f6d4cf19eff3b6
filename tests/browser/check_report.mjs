// Opens one of libgovopen's HTML reports in headless Chromium (Debian's
// /usr/bin/chromium, or $GOVOPEN_CHROMIUM) through playwright-core, and checks
// that it rendered as a reader would see it:
//   - no console error or warning, no page error, no dialog, no request
//     beyond the file itself (the page's Content Security Policy forbids them);
//   - every chart's SVG is present and sized, with a title that is drawn;
//   - in every chart no two labels overlap, each lies inside its SVG and left
//     of the plot, and no two tick labels overlap;
//   - the unit labels of the ranking charts are as many as the rows of the
//     ranking tables (and at least --min-units);
//   - Chinese text is drawn in a CJK font (the platform fonts Chromium used
//     for the title and for a chart label, by the DevTools protocol);
// then saves a screenshot of the page down to the end of the rankings.
//
// usage: node check_report.mjs REPORT.html SCREENSHOT.png [--min-units N] [--charts N]
// Prints what it measured as JSON on stdout; exits 1 with the problems on
// stderr when a check fails, 2 on wrong usage.
import { chromium } from 'playwright-core';
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
if (args.length < 2) {
  console.error('usage: node check_report.mjs REPORT.html SCREENSHOT.png [--min-units N] [--charts N]');
  process.exit(2);
}
const [report, screenshot] = args;
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : null;
};
const minUnits = option('--min-units');
const wantCharts = option('--charts');

const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.GOVOPEN_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // CI runs as root, where Chromium's sandbox cannot start
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(report).href;
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`request beyond the page: ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  const response = await page.goto(url, { waitUntil: 'load' });
  if (response && !response.ok()) problems.push(`loading the page: ${response.status()}`);
  await page.evaluate(() => document.fonts.ready);

  const facts = await page.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    const charts = [...document.querySelectorAll('svg.chart')].map((svg) => ({
      id: svg.id,
      box: box(svg),
      title: svg.querySelector('title')?.textContent ?? '',
      drawnTitle: svg.querySelector('.chart-title') ? box(svg.querySelector('.chart-title')) : null,
      plotLeft: Math.min(...[...svg.querySelectorAll('line.grid')].map((l) => box(l).left)),
      labels: [...svg.querySelectorAll('text.unit-label, text.label')].map((t) => ({
        text: t.textContent,
        unit: t.classList.contains('unit-label'),
        box: box(t),
      })),
      ticks: [...svg.querySelectorAll('text.tick')].map((t) => ({ text: t.textContent, box: box(t) })),
      bars: svg.querySelectorAll('rect.bar-value').length,
    }));
    return {
      title: document.title,
      scripts: document.scripts.length,
      rankingRows: [...document.querySelectorAll('table.ranking tr')].filter((tr) => tr.querySelector('td')).length,
      units: document.querySelectorAll('section.unit').length,
      charts,
    };
  });

  if (facts.scripts !== 0) problems.push(`${facts.scripts} script elements`);
  if (wantCharts !== null && facts.charts.length !== wantCharts)
    problems.push(`${facts.charts.length} charts, expected ${wantCharts}`);
  if (facts.charts.length < 1) problems.push('no chart');
  const overlap = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  let unitLabels = 0;
  for (const c of facts.charts) {
    const where = `chart ${c.id}`;
    if (c.box.width < 300 || c.box.height < 80) problems.push(`${where}: sized ${c.box.width}x${c.box.height}`);
    if (!c.title) problems.push(`${where}: no title`);
    if (!c.drawnTitle || c.drawnTitle.width < 10) problems.push(`${where}: its title is not drawn`);
    if (c.labels.length === 0) problems.push(`${where}: no labels`);
    for (const [i, l] of c.labels.entries()) {
      if (l.unit) unitLabels++;
      if (l.box.width < 4 || l.box.height < 8) problems.push(`${where}: label '${l.text}' not drawn`);
      if (l.box.left < c.box.left - 1 || l.box.right > c.box.right + 1 || l.box.top < c.box.top - 1 ||
          l.box.bottom > c.box.bottom + 1)
        problems.push(`${where}: label '${l.text}' outside its chart`);
      if (l.box.right > c.plotLeft + 1) problems.push(`${where}: label '${l.text}' runs into the plot`);
      for (const m of c.labels.slice(i + 1))
        if (overlap(l.box, m.box)) problems.push(`${where}: labels '${l.text}' and '${m.text}' overlap`);
    }
    for (const [i, t] of c.ticks.entries())
      for (const u of c.ticks.slice(i + 1))
        if (overlap(t.box, u.box)) problems.push(`${where}: ticks ${t.text} and ${u.text} overlap`);
    if (c.bars === 0 && c.labels.length > 0 && c.id !== 'chart-indicators') problems.push(`${where}: no bars`);
  }
  if (unitLabels !== facts.rankingRows)
    problems.push(`${unitLabels} unit labels in the charts, ${facts.rankingRows} rows in the ranking tables`);
  if (minUnits !== null && unitLabels < minUnits) problems.push(`${unitLabels} unit labels, expected >= ${minUnits}`);

  // The fonts Chromium drew Chinese text with: the page's title, and the first chart label.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  facts.fonts = {};
  for (const selector of ['h1', 'svg.chart text.label, svg.chart text.unit-label']) {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) continue;
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    facts.fonts[selector] = fonts.map((f) => f.familyName);
    const cjk = fonts.some((f) => /CJK|Source Han|Hei|YaHei|PingFang|Song|Kai|Ming|Gothic/i.test(f.familyName));
    if (!cjk) problems.push(`'${selector}' drawn without a CJK font: ${JSON.stringify(facts.fonts[selector])}`);
  }

  // The page from its top to the end of the rankings (every chart), within
  // what Chromium captures at once; the units' sections below are tables.
  const height = await page.evaluate(() => {
    const end = document.querySelector('#rankings') ?? document.body;
    return Math.ceil(end.getBoundingClientRect().bottom + window.scrollY);
  });
  await page.screenshot({
    path: screenshot,
    fullPage: true,
    clip: { x: 0, y: 0, width: 1280, height: Math.min(Math.max(height, 900), 15000) },
  });
  facts.screenshotBytes = statSync(screenshot).size;
  if (facts.screenshotBytes < 10000) problems.push(`screenshot of ${facts.screenshotBytes} bytes`);
  facts.unitLabels = unitLabels;
  for (const c of facts.charts) {
    c.labels = c.labels.length;
    c.ticks = c.ticks.length;
  }
  console.log(JSON.stringify(facts, null, 1));
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(`${report}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
