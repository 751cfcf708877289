// The review portal as a person uses it, in headless Chromium with JavaScript switched off (the pages must work
// without it): invitation link -> home -> community -> decline with a nomination -> task done; then the admin.
'use strict';
const { chromium } = require('playwright-core');
const assert = require('assert');

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`portal_e2e: ${name} is not set`);
  return value;
};
const shots = env('SCREENSHOTS');

async function expectText(page, text) {
  const body = await page.textContent('body');
  assert.ok(body.includes(text), `page ${page.url()} should show "${text}"`);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: env('CHROMIUM'),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-proxy-server'],
  });
  try {
    // A phone-sized window, no JavaScript.
    const owner = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await owner.newPage();
    page.on('dialog', (dialog) => { throw new Error(`a dialog opened: ${dialog.message()}`); });

    await page.goto(env('ALICE_LINK'));
    assert.strictEqual(new URL(page.url()).pathname, '/', 'the invitation link leads home, the token leaves the address');
    await expectText(page, 'Hello Alice Moreau');
    await expectText(page, 'Human Resources');
    await expectText(page, '3 items to migrate');
    await page.screenshot({ path: `${shots}/home.png`, fullPage: true });

    await page.click('text=Review this community');
    assert.strictEqual(new URL(page.url()).pathname, '/c/hr');
    // The hostile legacy title is shown as text.
    await expectText(page, '<script>alert(1)</script>');
    await page.fill('#q', 'holiday');
    await page.click('button:has-text("Search")');
    await expectText(page, 'Items that will move (1)');
    await page.screenshot({ path: `${shots}/community.png`, fullPage: true });

    await page.check('input[name=decision][value=decline]');
    await page.fill('#nominee', 'carol');
    await page.fill('#note', 'I moved to the sales team');
    await page.click('button:has-text("Send my answer")');
    assert.strictEqual(new URL(page.url()).pathname, '/c/hr');
    await expectText(page, 'Your answer so far: nominate, nominating Carol Diaz');
    await page.screenshot({ path: `${shots}/decision.png`, fullPage: true });

    await page.click('text=← back');
    await expectText(page, 'declined, nominated Carol Diaz');
    await page.click('#task-hr-accept-role button:has-text("Mark done")');
    const task = await page.textContent('#task-hr-accept-role');
    assert.ok(task.includes('done') && task.includes('Reopen'), `the task should be done: ${task}`);
    await page.screenshot({ path: `${shots}/tasks.png`, fullPage: true });

    // The admin sees the change.
    const admin = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const dashboard = await admin.newPage();
    await dashboard.goto(env('ADMIN_LINK'));
    assert.strictEqual(new URL(dashboard.url()).pathname, '/admin');
    await expectText(dashboard, 'Declined (1)');
    await expectText(dashboard, 'nominates Carol Diaz');
    await expectText(dashboard, 'I moved to the sales team');
    await expectText(dashboard, 'Waiting for an answer (1)');
    await dashboard.screenshot({ path: `${shots}/admin.png`, fullPage: true });

    // Another owner's community is not there for Alice.
    const refused = await page.goto(`${env('BASE_URL')}/c/it`);
    assert.strictEqual(refused.status(), 404);
    console.log('portal_e2e: all steps passed');
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
