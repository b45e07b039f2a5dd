// The county console in headless Chromium (Debian's, driven by playwright-core), against the
// demo county that scripts/browser-test.sh starts on loopback, with a headless phone beside it:
// sign in, review a photo and ask for a retake that reaches the phone through sync, approve a
// case, download the 公示 list and check its columns; a township officer kept out of another
// township's case; a forged form refused. Screenshots of the main pages go to $RUHU_ARTIFACTS.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (run scripts/browser-test.sh)`);
  return v;
};
const base = env('RUHU_URL');
const artifacts = env('RUHU_ARTIFACTS');
const phone = (...args) =>
  execFileSync(env('RUHU_PHONE'), ['--store', env('RUHU_PHONE_STORE'), ...args], { encoding: 'utf8' });
mkdirSync(artifacts, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.RUHU_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
let failures = 0;
async function step(name, f) {
  try {
    await f();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures += 1;
    console.log(`FAIL ${name}\n${e.stack || e}`);
  }
}

async function signedIn(user, password) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${base}/console/login`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  return page;
}

const shot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

// The phone: enroll, register a family, attach a photo, sync it to the county.
phone('enroll', '--server', base, '--code', env('RUHU_CODE'));
phone('record-visit', '--name', '柴秀英', '--birth', '1968-09-09', '--sex', 'f', '--village', '370599100200',
  '--village-name', '前进村', '--grid', 'G01-1', '--address', '3组8号', '--wage-yuan', '6000');
const household = phone('list', '--query', '柴秀英').trim().split(/\s+/)[0];
phone('photo', household, env('RUHU_PHOTO'), '--kind', 'id-card', '--caption', '户主身份证');
assert.match(phone('sync'), /2 photo file\(s\) sent/);

const admin = await signedIn('admin', env('RUHU_ADMIN_PASSWORD'));

await step('a wrong password is refused in Chinese and nothing opens', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/console/login`);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'not-the-password');
  await page.click('button[type=submit]');
  assert.match(await page.textContent('#notice'), /用户名或密码不对/);
  await shot(page, 'login-refused');
  await context.close();
});

await step('the dashboard shows cases by status with the overdue first', async () => {
  await admin.goto(`${base}/console`);
  assert.equal(await admin.textContent('h1'), '总览');
  assert.ok(Number(await admin.textContent('#open-cases')) > 0);
  await shot(admin, 'dashboard');
  await admin.goto(`${base}/console/cases`);
  assert.ok((await admin.locator('#cases tr').count()) > 1);
  await shot(admin, 'queue');
});

await step('a retake asked with the keyboard reaches the phone through sync', async () => {
  await admin.goto(`${base}/console/photos`);
  const card = admin.locator(`.photo[data-doc="${household}"]`).first();
  await card.locator('img').waitFor();
  await shot(admin, 'photo-review');
  await card.click({ position: { x: 5, y: 5 } });
  admin.once('dialog', (d) => d.accept('照片模糊，请重拍身份证'));
  await Promise.all([admin.waitForNavigation(), admin.keyboard.press('r')]);
  assert.equal(await admin.locator(`.photo[data-doc="${household}"]`).count(), 0);
  phone('sync');
  assert.match(phone('retakes'), /照片模糊，请重拍身份证/);
});

let approvedCase = '';
await step('a supervisor approves a case waiting for the county', async () => {
  await admin.goto(`${base}/console/cases?status=reviewed`);
  const link = admin.locator('#cases a').first();
  approvedCase = (await link.getAttribute('href')).split('/').pop();
  await link.click();
  await admin.selectOption('#act select[name=kind]', 'approved');
  await admin.fill('#act input[name=amount]', '1200');
  await admin.fill('#act input[name=note]', '经审核，同意救助');
  await Promise.all([admin.waitForNavigation(), admin.click('#act button')]);
  assert.match(await admin.textContent('#timeline'), /审批通过/);
  await shot(admin, 'case');
});

await step('the 公示 list downloads as xlsx with only name, size and amount', async () => {
  await admin.goto(`${base}/console/publicity`);
  await shot(admin, 'publicity');
  const [download] = await Promise.all([admin.waitForEvent('download'), admin.click('#xlsx')]);
  const file = join(artifacts, 'publicity.xlsx');
  await download.saveAs(file);
  const cells = JSON.parse(execFileSync('python3', ['-c', `
import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
shared = re.findall(r'<t[^>]*>([^<]*)</t>', z.read('xl/sharedStrings.xml').decode()) if 'xl/sharedStrings.xml' in z.namelist() else []
sheet = z.read('xl/worksheets/sheet1.xml').decode()
inline = re.findall(r'<is><t[^>]*>([^<]*)</t></is>', sheet)
print(json.dumps({'strings': shared + inline, 'sheet': sheet}))
`, file], { encoding: 'utf8' }));
  for (const h of ['序号', '村(社区)', '申请人', '家庭人口', '救助类型', '救助金额(元)']) {
    assert.ok(cells.strings.includes(h), `column ${h} missing`);
  }
  const everything = cells.strings.join(' ') + cells.sheet;
  assert.doesNotMatch(everything, /\d{17}[\dX]/, 'no ID number in the 公示 list');
  assert.ok(cells.strings.length > 6, 'the approved case is listed');
});

await step('the device page issues an enrollment code with its QR image', async () => {
  await admin.goto(`${base}/console/devices`);
  await admin.fill('#issue input[name=worker_id]', 'w-100');
  await admin.fill('#issue input[name=name]', '钟网格员');
  await admin.fill('#issue input[name=grids]', 'G02-2');
  await Promise.all([admin.waitForNavigation(), admin.click('#issue button')]);
  assert.match(await admin.textContent('#code'), /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.equal(await admin.locator('#qr svg').count(), 1);
  await shot(admin, 'enrollment-code');
});

await step('a township officer cannot open another township\'s case', async () => {
  const officer = await signedIn('xiangzhen', env('RUHU_OFFICER_PASSWORD'));
  await admin.goto(`${base}/console/cases`);
  const hrefs = await admin.$$eval('#cases tr', (rows) =>
    rows.slice(1).map((r) => [r.cells[1].textContent, r.querySelector('a').getAttribute('href')]));
  const elsewhere = hrefs.find(([village]) => !village.startsWith('370599100'));
  assert.ok(elsewhere, 'a case in another township');
  const response = await officer.goto(`${base}${elsewhere[1]}`);
  assert.equal(response.status(), 403);
  assert.match(await officer.textContent('body'), /不在您的负责范围/);
  await shot(officer, 'officer-refused');
  await officer.context().close();
});

await step('a forged form post is rejected and changes nothing', async () => {
  // Sent with the signed-in session's cookie but not from a page (the console's CSP lets its
  // pages make no requests of their own): only the CSRF token can stop it.
  const forged = await admin.context().request.post(`${base}/console/cases/${approvedCase}/events`, {
    form: { csrf: 'forged', kind: 'closed', note: 'x' },
  });
  assert.equal(forged.status(), 403);
  await admin.goto(`${base}/console/cases/${approvedCase}`);
  assert.doesNotMatch(await admin.textContent('#timeline'), /结案/);
});

await browser.close();
if (failures > 0) {
  console.log(`${failures} browser test(s) failed; screenshots in ${artifacts}`);
  process.exit(1);
}
console.log(`all browser tests passed; screenshots in ${artifacts}`);
writeFileSync(join(artifacts, 'PASSED'), new Date().toISOString());
