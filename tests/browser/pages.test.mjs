// Drives Debian's Chromium (playwright-core) over lianxin-hub's public pages as a phone would, in
// Chinese and English: passport, certificate (genuine and tampered), opinion form (sent, refused).
// Run by run-browser-tests.sh, which starts the hub and passes the URLs in the environment.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
for (const k of ['HUB_ORIGIN', 'LIANXIN_SOURCE_DIR', 'LIANXIN_BROWSER_TOOLS', 'PASSPORT_TOKEN', 'CERT_PATH',
                 'SHORT_CODE', 'OPINION_INJECTION', 'REPLY_TEXT', 'SHOTS_DIR'])
  if (!env[k]) { console.error(`pages.test.mjs: ${k} is not set (run it through run-browser-tests.sh)`); process.exit(2); }

// playwright-core lives in the build tree (npm ci --prefix), not beside this file.
const { chromium } = createRequire(path.join(env.LIANXIN_BROWSER_TOOLS, 'package.json'))('playwright-core');

const origin = env.HUB_ORIGIN;
const shotDirs = [env.SHOTS_DIR, env.LIANXIN_SHOTS_OUT].filter(Boolean);
for (const d of shotDirs) fs.mkdirSync(d, { recursive: true });

// The pages' own strings, so the test follows assets/web and assets/strings instead of copying them.
function strings(file) {
  const out = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^([\w.]+)\s*=\s*"(.*)"\s*$/);
    if (m) out[m[1]] = JSON.parse(`"${m[2]}"`);
  }
  return out;
}
const web = { zh: strings(`${env.LIANXIN_SOURCE_DIR}/assets/web/zh.toml`), en: strings(`${env.LIANXIN_SOURCE_DIR}/assets/web/en.toml`) };
const kiosk = { zh: strings(`${env.LIANXIN_SOURCE_DIR}/assets/strings/zh.toml`), en: strings(`${env.LIANXIN_SOURCE_DIR}/assets/strings/en.toml`) };
const htmlLang = { zh: 'zh-CN', en: 'en' };
const other = { zh: 'en', en: 'zh' };

const failures = [];
function check(ok, what) {
  if (!ok) failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
}

// The passport URL exactly as a QR code carries it: /P/ and the token with ' ' and '%' escaped.
const passportPath = '/P/' + env.PASSPORT_TOKEN.replaceAll('%', '%25').replaceAll(' ', '%20');
// A tampered certificate: one Base45 character in the middle of the signed claims changed.
const certPath = env.CERT_PATH;
const at = Math.floor(certPath.length / 2);
const tamperedPath = certPath.slice(0, at) + (certPath[at] === 'A' ? 'B' : 'A') + certPath.slice(at + 1);

async function shoot(page, name) {
  const buf = await page.screenshot({ fullPage: true });
  for (const d of shotDirs) fs.writeFileSync(path.join(d, `${name}.png`), buf);
}

// Phone-readiness on every page: no sideways scrolling, tap targets of at least 44 CSS px, no text
// smaller than 13 px.
async function checkPhoneLayout(page, label) {
  const r = await page.evaluate(() => {
    const small = [], tiny = [];
    for (const el of document.querySelectorAll('a, button, select, textarea, input:not([type=hidden])')) {
      const target = (el.type === 'radio' || el.type === 'checkbox') ? el.closest('label') || el : el;
      const b = target.getBoundingClientRect();
      if (b.height < 44 || b.width < 44) small.push(`${el.tagName.toLowerCase()} "${(target.textContent || el.name || '').trim().slice(0, 30)}" ${Math.round(b.width)}×${Math.round(b.height)}`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      const size = parseFloat(getComputedStyle(n.parentElement).fontSize);
      if (size < 13) tiny.push(`"${n.textContent.trim().slice(0, 20)}" ${size}px`);
    }
    return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth, small, tiny };
  });
  check(r.scroll <= r.inner, `${label}: no horizontal scrolling (content ${r.scroll} px in ${r.inner} px)`);
  check(r.small.length === 0, `${label}: tap targets ≥ 44 px${r.small.length ? ': ' + r.small.join('; ') : ''}`);
  check(r.tiny.length === 0, `${label}: text ≥ 13 px${r.tiny.length ? ': ' + r.tiny.join('; ') : ''}`);
}

// After a post the page opens at its top: what the visitor must see has to be on the first screen.
async function aboveFold(page, selector) {
  const box = await page.locator(selector).boundingBox();
  return box !== null && box.y + box.height <= page.viewportSize().height;
}

// Clicks the language toggle and checks the same page came back in the other language.
async function checkToggle(page, lang, label, titleKey) {
  const before = new URL(page.url());
  await Promise.all([page.waitForNavigation(), page.click('header a.lang')]);
  const after = new URL(page.url());
  const o = other[lang];
  check(after.pathname === before.pathname && after.searchParams.get('lang') === o,
        `${label}: the toggle leads to the same page with ?lang=${o}`);
  check(await page.getAttribute('html', 'lang') === htmlLang[o], `${label}: toggled page is in ${o}`);
  if (titleKey) check((await page.textContent('h1')).trim() === web[o][titleKey], `${label}: toggled heading is "${web[o][titleKey]}"`);
}

const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const started = Date.now();
for (const lang of ['zh', 'en']) {
  const t = web[lang];
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-chromium-'));
  // A fresh profile per language; the locale sets Accept-Language, which picks the page language.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: env.LIANXIN_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: flags,
    locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    timeout: 30000,
  });
  const page = context.pages()[0] || await context.newPage();
  const dialogs = [], consoleLines = [], pageErrors = [], foreign = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // Only the hub itself may be asked for anything: no fonts, scripts or trackers from elsewhere.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (new URL(u).origin === origin) return route.continue();
    foreign.push(u);
    return route.abort();
  });

  // --- passport
  const res = await page.goto(origin + passportPath);
  check(res.status() === 200, `${lang} passport: HTTP ${res.status()}`);
  check(await page.getAttribute('html', 'lang') === htmlLang[lang], `${lang} passport: page language from Accept-Language`);
  check((await page.textContent('.code')).trim() === env.SHORT_CODE, `${lang} passport: short code ${env.SHORT_CODE}`);
  check((await page.textContent('.chip')).trim() === t['status.partly_adopted'], `${lang} passport: status chip "${t['status.partly_adopted']}"`);
  const body = await page.innerText('main');
  check(body.includes(env.REPLY_TEXT), `${lang} passport: the reply is shown as text, markup and all`);
  check(body.includes(env.OPINION_INJECTION), `${lang} passport: the opinion is shown as text, markup and all`);
  check(await page.getByText('<script>alert(1)</script>', { exact: false }).isVisible(), `${lang} passport: the literal text <script>alert(1)</script> is visible`);
  check(await page.evaluate(() => document.scripts.length === 0 && document.images.length === 0 && !document.querySelector('main b')),
        `${lang} passport: no script, img or b element came from the data`);
  const certLink = await page.getAttribute(`a:has-text("${t['passport.view_certificate']}")`, 'href');
  check(certLink && /^\/[cC]\//.test(certLink), `${lang} passport: links its certificate`);
  await checkPhoneLayout(page, `${lang} passport`);
  await shoot(page, `${lang}-passport`);
  await checkToggle(page, lang, `${lang} passport`, 'passport.title');

  // --- certificate, reached from the passport's link
  await page.goto(origin + passportPath);
  await Promise.all([page.waitForNavigation(), page.click(`a:has-text("${t['passport.view_certificate']}")`)]);
  check((await page.textContent('.verdict')).includes(t['certificate.valid']), `${lang} certificate: "${t['certificate.valid']}"`);
  check((await page.innerText('main')).includes(web[lang]['certificate.partly_adopted']), `${lang} certificate: outcome partly adopted`);
  await checkPhoneLayout(page, `${lang} certificate`);
  await shoot(page, `${lang}-certificate`);
  // The QR form of the same certificate (/C/, upper case) says the same.
  await page.goto(origin + certPath);
  check(await page.locator('.verdict.ok').count() === 1, `${lang} certificate: its QR URL (/C/…) is genuine too`);
  await checkToggle(page, lang, `${lang} certificate`, 'certificate.title');

  // --- tampered certificate
  await page.goto(origin + tamperedPath);
  check(await page.locator('.verdict.bad').count() === 1 && (await page.textContent('.verdict')).includes(t['certificate.refused']),
        `${lang} tampered certificate: "${t['certificate.refused']}"`);
  await checkPhoneLayout(page, `${lang} tampered certificate`);
  await shoot(page, `${lang}-certificate-tampered`);

  // --- opinion form: a good opinion
  await page.goto(origin + '/o/property-rules');
  check(await page.getAttribute('html', 'lang') === htmlLang[lang], `${lang} form: page language`);
  await checkPhoneLayout(page, `${lang} form`);
  await shoot(page, `${lang}-form`);
  const articles = await page.$$eval('#article option', (os) => os.map((o) => o.value).filter(Boolean));
  check(articles.length > 0, `${lang} form: offers the draft's articles`);
  await page.selectOption('#article', articles[0]);
  await page.check('input[name=stance][value=oppose]');
  const typed = `楼道里电动车乱停 <script>alert(3)</script> (${lang})`;
  await page.fill('#text', typed);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  check((await page.textContent('.verdict.ok').catch(() => '')).includes(t['form.thanks']), `${lang} form: thank-you after sending`);
  check(await aboveFold(page, '.verdict.ok'), `${lang} form: the thank-you is on the first screen`);
  await checkPhoneLayout(page, `${lang} form thanks`);
  await shoot(page, `${lang}-form-thanks`);

  // --- opinion form: blank text is refused and the other answers stay
  await page.goto(origin + '/o/property-rules');
  await page.selectOption('#article', articles[articles.length - 1]);
  await page.check('input[name=stance][value=support]');
  await page.fill('#text', '   ');  // passes the browser's `required`, not the hub's rules
  await page.fill('#name', '王阿姨 <i>x</i>');
  await page.fill('#phone', '13800138000');
  await page.check('input[name=consent]');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  const problem = kiosk[lang]['opinion.problem.text_empty'];
  check((await page.textContent('.problems').catch(() => '')).includes(problem), `${lang} form: blank text → "${problem}"`);
  check(await aboveFold(page, '.problems'), `${lang} form: the problem is on the first screen`);
  check(await page.inputValue('#article') === articles[articles.length - 1], `${lang} form: the article choice stays`);
  check(await page.isChecked('input[name=stance][value=support]'), `${lang} form: the stance stays`);
  check(await page.inputValue('#name') === '王阿姨 <i>x</i>' && await page.inputValue('#phone') === '13800138000',
        `${lang} form: name and phone stay, markup as typed`);
  check(await page.isChecked('input[name=consent]'), `${lang} form: consent stays ticked`);
  await checkPhoneLayout(page, `${lang} form problem`);
  await shoot(page, `${lang}-form-problem`);
  await page.goto(origin + '/o/property-rules');
  await checkToggle(page, lang, `${lang} form`, null);

  check(dialogs.length === 0, `${lang}: no dialog opened${dialogs.length ? ': ' + dialogs.join(', ') : ''}`);
  check(pageErrors.length === 0, `${lang}: no script errors${pageErrors.length ? ': ' + pageErrors.join(', ') : ''}`);
  check(consoleLines.length === 0, `${lang}: nothing on the console${consoleLines.length ? ': ' + consoleLines.join(' | ') : ''}`);
  check(foreign.length === 0, `${lang}: no request left ${origin}${foreign.length ? ': ' + foreign.join(', ') : ''}`);
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

console.log(`screenshots in ${shotDirs.join(' and ')}; ${((Date.now() - started) / 1000).toFixed(1)} s in Chromium`);
if (failures.length) {
  console.error(`\n${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
