// Drives Debian's Chromium (playwright-core) over lianxin-hub's public pages as a phone would, in
// Chinese and English: passport, certificate (genuine and tampered), opinion form with its draft
// (sent, refused), the meeting request form (refused, sent), the pages for addresses that are not
// there; every page passes axe-core's
// accessibility rules. Run by run-browser-tests.sh, which starts the hub and passes the URLs in
// the environment.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
for (const k of ['HUB_ORIGIN', 'LIANXIN_SOURCE_DIR', 'LIANXIN_BROWSER_TOOLS', 'PASSPORT_TOKEN', 'CERT_PATH',
                 'SHORT_CODE', 'OPINION_INJECTION', 'REPLY_TEXT', 'SHOTS_DIR'])
  if (!env[k]) { console.error(`pages.test.mjs: ${k} is not set (run it through run-browser-tests.sh)`); process.exit(2); }

// playwright-core and axe-core live in the build tree (npm ci --prefix), not beside this file.
const { chromium } = createRequire(path.join(env.LIANXIN_BROWSER_TOOLS, 'package.json'))('playwright-core');
const axeScript = path.join(env.LIANXIN_BROWSER_TOOLS, 'node_modules', 'axe-core', 'axe.min.js');

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
// The hall the demo content is for, which every page's header names.
const hall = strings(`${env.LIANXIN_SOURCE_DIR}/content/hall.toml`);
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
    for (const el of document.querySelectorAll('a, button, select, textarea, summary, input:not([type=hidden])')) {
      if (!el.checkVisibility()) continue;  // inside a folded article: not on the screen to tap
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

// axe-core's default rules on the page as it stands. It is injected as an inline script, which the
// hub's Content-Security-Policy would block, so the contexts bypass CSP: the escaping checks then
// rest on escaping alone (a script from data would run, and open a dialog the test counts).
async function checkAxe(page, label) {
  await page.addScriptTag({ path: axeScript });
  const { passed, violations } = await page.evaluate(async () => {
    const r = await window.axe.run(document);
    return { passed: r.passes.length, violations: r.violations.map(
      (v) => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}: ${v.help}`) };
  });
  // A run that checked next to nothing (axe not loaded, an empty page) is no pass.
  check(violations.length === 0 && passed >= 10,
        `${label}: axe-core finds no accessibility violation (${passed} rules passed)${violations.length ? ':\n      ' + violations.join('\n      ') : ''}`);
}

// The header names the hall, in the page's language.
async function checkHall(page, lang, label) {
  check((await page.textContent('header .hall')).trim() === hall[`name.${lang}`], `${label}: the header names the hall "${hall[`name.${lang}`]}"`);
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
    bypassCSP: true,  // for axe-core's inline script (see checkAxe)
    timeout: 30000,
  });
  const page = context.pages()[0] || await context.newPage();
  const dialogs = [], consoleLines = [], pageErrors = [], foreign = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  // Chromium logs every 4xx document it loads; those the test opens on purpose are expected.
  const expectedStatus = new Set([origin + '/p/LXP1:NOTATOKEN', origin + '/nothing/here', origin + '/o/no-such-draft']);
  page.on('console', (m) => {
    if (m.type() === 'error' && expectedStatus.has(m.location().url) && m.text().startsWith('Failed to load resource')) return;
    consoleLines.push(`${m.type()}: ${m.text()} (${m.location().url})`);
  });
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
  // Traced into the law by run-browser-tests.sh: the adopted article beside the visitor's words
  // (its English is not entered, so the Chinese stands in).
  check(await page.locator('.trace').count() === 1 && body.includes('电动自行车应当在集中充电场所充电。'),
        `${lang} passport: the adopted article the opinion changed is shown`);
  check(await page.getByText('<script>alert(1)</script>', { exact: false }).isVisible(), `${lang} passport: the literal text <script>alert(1)</script> is visible`);
  check(await page.evaluate(() => document.scripts.length === 0 && document.images.length === 0 && !document.querySelector('main b')),
        `${lang} passport: no script, img or b element came from the data`);
  const certLink = await page.getAttribute(`a:has-text("${t['passport.view_certificate']}")`, 'href');
  check(certLink && /^\/[cC]\//.test(certLink), `${lang} passport: links its certificate`);
  await checkHall(page, lang, `${lang} passport`);
  await checkPhoneLayout(page, `${lang} passport`);
  await shoot(page, `${lang}-passport`);
  await checkAxe(page, `${lang} passport`);
  await checkToggle(page, lang, `${lang} passport`, 'passport.title');

  // --- a passport code that does not verify
  const badPassport = await page.goto(origin + '/p/LXP1:NOTATOKEN');
  check(badPassport.status() === 400 && (await page.innerText('main')).includes(t['passport.invalid']), `${lang} bad passport: "${t['passport.invalid']}"`);
  await checkHall(page, lang, `${lang} bad passport`);
  await checkPhoneLayout(page, `${lang} bad passport`);
  await shoot(page, `${lang}-passport-invalid`);
  await checkAxe(page, `${lang} bad passport`);

  // --- certificate, reached from the passport's link
  await page.goto(origin + passportPath);
  await Promise.all([page.waitForNavigation(), page.click(`a:has-text("${t['passport.view_certificate']}")`)]);
  check((await page.textContent('.verdict')).includes(t['certificate.valid']), `${lang} certificate: "${t['certificate.valid']}"`);
  check((await page.innerText('main')).includes(web[lang]['certificate.partly_adopted']), `${lang} certificate: outcome partly adopted`);
  check((await page.innerText('main')).includes(t['certificate.trace']), `${lang} certificate: "${t['certificate.trace']}"`);
  await checkHall(page, lang, `${lang} certificate`);
  await checkPhoneLayout(page, `${lang} certificate`);
  await shoot(page, `${lang}-certificate`);
  await checkAxe(page, `${lang} certificate`);
  // The QR form of the same certificate (/C/, upper case) says the same.
  await page.goto(origin + certPath);
  check(await page.locator('.verdict.ok').count() === 1, `${lang} certificate: its QR URL (/C/…) is genuine too`);
  await checkToggle(page, lang, `${lang} certificate`, 'certificate.title');

  // --- tampered certificate: the verdict, then what to do about it
  await page.goto(origin + tamperedPath);
  check(await page.locator('.verdict.bad').count() === 1 && (await page.textContent('.verdict')).includes(t['certificate.refused']),
        `${lang} tampered certificate: "${t['certificate.refused']}"`);
  const steps = await page.$$eval('ol.steps li', (ls) => ls.map((l) => l.textContent.trim()));
  check((await page.textContent('main h2')).trim() === t['certificate.next_title'] && steps.length === 2 &&
        steps[0] === t['certificate.next_scan'] && steps[1] === t['certificate.next_staff'],
        `${lang} tampered certificate: "${t['certificate.next_title']}": scan again, then ask the staff`);
  await checkHall(page, lang, `${lang} tampered certificate`);
  await checkPhoneLayout(page, `${lang} tampered certificate`);
  await shoot(page, `${lang}-certificate-tampered`);
  await checkAxe(page, `${lang} tampered certificate`);

  // --- opinion form: the draft article by article, each folded
  await page.goto(origin + '/o/property-rules');
  check(await page.getAttribute('html', 'lang') === htmlLang[lang], `${lang} form: page language`);
  await checkHall(page, lang, `${lang} form`);
  const articles = await page.$$eval('#article option', (os) => os.map((o) => o.value).filter(Boolean));
  check(articles.length > 0, `${lang} form: offers the draft's articles`);
  const folded = await page.$$eval('main details.article', (ds) => ds.map((d) => ({
    id: d.id, open: d.open, title: d.querySelector('summary').textContent.trim(),
    plain: (d.querySelector('.plain') || { textContent: '' }).textContent.trim() })));
  check(folded.length === articles.length && folded.every((d, i) => d.id === `article-${articles[i]}`),
        `${lang} form: every article of the draft is on the page (${folded.length} of ${articles.length})`);
  check(folded.every((d) => !d.open), `${lang} form: every article is folded`);
  check(folded.every((d) => d.title && d.plain.startsWith(t['draft.plain']) && d.plain.length > t['draft.plain'].length + 10),
        `${lang} form: every article has a title and a plain-language explanation`);
  check(!(await page.locator('#article-1 .plain').isVisible()), `${lang} form: an article's explanation is hidden until tapped`);
  await checkPhoneLayout(page, `${lang} form`);
  await shoot(page, `${lang}-form`);
  await checkAxe(page, `${lang} form`);
  // One tap opens an article.
  await page.goto(origin + '/o/property-rules');
  await page.tap('#article-1 summary');
  check(await page.locator('#article-1 .plain').isVisible() && await page.getAttribute('#article-1', 'open') !== null,
        `${lang} form: one tap opens an article and shows its explanation`);
  await page.$$eval('main details.article', (ds) => ds.forEach((d) => { d.open = true; }));
  await checkPhoneLayout(page, `${lang} form, articles open`);
  await shoot(page, `${lang}-form-articles-open`);
  await checkAxe(page, `${lang} form, articles open`);
  // "Comment on this article" leads to the form with that article chosen.
  await page.goto(origin + '/o/property-rules');
  await page.tap('#article-2 summary');
  await Promise.all([page.waitForNavigation(), page.tap(`#article-2 a:has-text("${t['draft.comment_article']}")`)]);
  check(await page.inputValue('#article') === '2' && new URL(page.url()).hash === '#opinion',
        `${lang} form: "${t['draft.comment_article']}" chooses the article in the form`);

  // --- opinion form: a good opinion, and the thank-you leads on
  await page.goto(origin + '/o/property-rules');
  await page.selectOption('#article', articles[0]);
  await page.check('input[name=stance][value=oppose]');
  const typed = `楼道里电动车乱停 <script>alert(3)</script> (${lang})`;
  await page.fill('#text', typed);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  check((await page.textContent('.verdict.ok').catch(() => '')).includes(t['form.thanks']), `${lang} form: thank-you after sending`);
  check(await aboveFold(page, '.verdict.ok'), `${lang} form: the thank-you is on the first screen`);
  const onward = await page.$$eval('main ul.next a', (as) => as.map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') })));
  const q = `?lang=${lang}`;
  check(onward.some((a) => a.text === t['thanks.back'] && a.href === `/o/property-rules${q}#draft`), `${lang} thanks: "${t['thanks.back']}"`);
  check(onward.some((a) => a.href === `/o/property-rules${q}&article=${articles[1]}#article-${articles[1]}` &&
                           a.text.startsWith(t['thanks.next_article'].replace('{}', ''))),
        `${lang} thanks: on to the next article`);
  check(onward.some((a) => a.href === `/o/elderly-meals${q}`), `${lang} thanks: on to the other draft open for comment`);
  await checkHall(page, lang, `${lang} form thanks`);
  await checkPhoneLayout(page, `${lang} form thanks`);
  await shoot(page, `${lang}-form-thanks`);
  await checkAxe(page, `${lang} form thanks`);
  // The next-article link opens that article with it chosen in the form.
  await page.goto(origin + `/o/property-rules${q}&article=${articles[1]}#article-${articles[1]}`);
  check(await page.locator(`#article-${articles[1]} .plain`).isVisible() && await page.inputValue('#article') === articles[1],
        `${lang} thanks: the next-article link shows that article open and chosen`);

  // --- opinion form: blank text is refused at its field and the other answers stay
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
  check(new URL(page.url()).hash === '#opinion' && await aboveFold(page, '.problems'),
        `${lang} form: the answer opens at the form, with the problem on the first screen`);
  check((await page.textContent('#text-error').catch(() => '')).trim() === problem &&
        await page.getAttribute('#text', 'aria-invalid') === 'true' && await page.getAttribute('#text', 'aria-describedby') === 'text-error',
        `${lang} form: the problem stands at the text field, tied to it (aria-invalid, aria-describedby)`);
  const [errBox, fieldBox] = [await page.locator('#text-error').boundingBox(), await page.locator('#text').boundingBox()];
  check(errBox && fieldBox && errBox.y < fieldBox.y && fieldBox.y - (errBox.y + errBox.height) < 24,
        `${lang} form: the field's message is right above the field`);
  check(await page.locator('[aria-invalid=true]').count() === 1, `${lang} form: only the text field is marked wrong`);
  await page.click('.problems a');
  check(new URL(page.url()).hash === '#text', `${lang} form: the problem at the top links to its field`);
  check(await page.inputValue('#article') === articles[articles.length - 1], `${lang} form: the article choice stays`);
  check(await page.isChecked('input[name=stance][value=support]'), `${lang} form: the stance stays`);
  check(await page.inputValue('#name') === '王阿姨 <i>x</i>' && await page.inputValue('#phone') === '13800138000',
        `${lang} form: name and phone stay, markup as typed`);
  check(await page.isChecked('input[name=consent]'), `${lang} form: consent stays ticked`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await checkPhoneLayout(page, `${lang} form problem`);
  await shoot(page, `${lang}-form-problem`);
  await checkAxe(page, `${lang} form problem`);
  await page.goto(origin + '/o/property-rules');
  await checkToggle(page, lang, `${lang} form`, null);

  // --- the meeting request form: the station's deputies, a refusal at its field, the thank-you
  await page.goto(origin + '/m/');
  check(await page.getAttribute('html', 'lang') === htmlLang[lang], `${lang} meeting form: page language`);
  check((await page.textContent('h1')).trim() === t['meeting.title'], `${lang} meeting form: "${t['meeting.title']}"`);
  const deputies = await page.$$eval('input[name=deputy]', (is) => is.map((i) => i.value));
  check(deputies.length > 0, `${lang} meeting form: offers the station's deputies (${deputies.length})`);
  await checkHall(page, lang, `${lang} meeting form`);
  await checkPhoneLayout(page, `${lang} meeting form`);
  await shoot(page, `${lang}-meeting-form`);
  await checkAxe(page, `${lang} meeting form`);
  await page.check(`input[name=deputy][value="${deputies[0]}"]`);
  await page.fill('#topic', '   ');  // passes the browser's `required`, not the hub's rules
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  check((await page.textContent('#topic-error').catch(() => '')).length > 0 &&
        await page.getAttribute('#topic', 'aria-invalid') === 'true', `${lang} meeting form: a blank topic is refused at its field`);
  check(await page.isChecked(`input[name=deputy][value="${deputies[0]}"]`), `${lang} meeting form: the deputy chosen stays`);
  await checkPhoneLayout(page, `${lang} meeting form problem`);
  await shoot(page, `${lang}-meeting-form-problem`);
  await checkAxe(page, `${lang} meeting form problem`);
  await page.fill('#topic', lang === 'zh' ? '小区加装电梯的费用分摊' : 'Sharing the cost of a lift');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  check((await page.textContent('.verdict').catch(() => '')).includes(t['meeting.thanks']), `${lang} meeting form: "${t['meeting.thanks']}"`);
  await checkPhoneLayout(page, `${lang} meeting thanks`);
  await shoot(page, `${lang}-meeting-thanks`);
  await checkAxe(page, `${lang} meeting thanks`);
  await page.goto(origin + '/m/');
  await checkToggle(page, lang, `${lang} meeting form`, 'meeting.title');

  // --- addresses that are not there: a page that says so and offers the drafts
  for (const [what, where, key] of [['unknown address', '/nothing/here', 'notfound.page'], ['unknown draft', '/o/no-such-draft', 'form.not_found']]) {
    const r = await page.goto(origin + where);
    check(r.status() === 404 && (await page.innerText('main')).includes(t[key]), `${lang} ${what}: 404 and "${t[key]}"`);
    check(await page.locator('main ul.next a[href^="/o/"]').count() === 2, `${lang} ${what}: offers the drafts open for comment`);
    await checkHall(page, lang, `${lang} ${what}`);
    await checkPhoneLayout(page, `${lang} ${what}`);
    await shoot(page, `${lang}-${where === '/nothing/here' ? 'not-found' : 'form-not-found'}`);
    await checkAxe(page, `${lang} ${what}`);
  }

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
