// Sends a signal to a workflow through the Temporal UI, as an operator would: the workflow's
// page, "More Actions", "Send a Signal", the signal's name, its JSON payload, "Submit".
// Runs Debian's chromium headless through playwright-core (no browser of its own).
//
//   node send-signal.mjs --ui URL --namespace NS --workflow-id ID --signal NAME \
//        --payload JSON --out DIR
//
// Leaves DIR/ui-1-workflow.png, DIR/ui-2-signal-dialog.png, DIR/ui-3-signal-sent.png (or
// DIR/ui-failure.png) behind, and exits 0 once the page's event history shows the signal.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    ui: { type: 'string' },
    namespace: { type: 'string', default: 'default' },
    'workflow-id': { type: 'string' },
    signal: { type: 'string' },
    payload: { type: 'string', default: '{}' },
    out: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
for (const required of ['ui', 'workflow-id', 'signal', 'out']) {
  if (!opts[required]) {
    console.error(`send-signal: --${required} is required`);
    process.exit(2);
  }
}

const STEP_TIMEOUT_MS = 20_000;
// A fresh profile per run, removed at the end: nothing carries over between runs.
const profile = mkdtempSync(join(tmpdir(), 'cutover-e2e-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: opts.chromium,
  viewport: { width: 1400, height: 1000 },
  // Nothing but the UI on 127.0.0.1 may be reached: no updates, sync or QUIC probes.
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const page = context.pages()[0] ?? await context.newPage();
page.setDefaultTimeout(STEP_TIMEOUT_MS);
const shot = (name) => page.screenshot({ path: join(opts.out, name), fullPage: true });

try {
  const url = `${opts.ui}/namespaces/${encodeURIComponent(opts.namespace)}/workflows/`
    + encodeURIComponent(opts['workflow-id']);
  // The page keeps long polls open: wait for its content, not for the network to go idle.
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { name: opts['workflow-id'] }).waitFor();
  await shot('ui-1-workflow.png');

  await page.getByRole('button', { name: 'More Actions' }).click();
  await page.getByRole('menuitem', { name: 'Send a Signal' }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: 'Send a Signal' });
  await dialog.waitFor();
  // Without a worker the name is typed; with one, the UI reads the workflow's signal
  // definitions and offers them in a drop-down instead.
  const typedName = dialog.getByTestId('signal-name');
  const namePicker = dialog.getByRole('combobox')
    .or(dialog.getByRole('button', { name: /Select a signal/ }));
  await typedName.or(namePicker).first().waitFor();
  if (await typedName.isVisible()) {
    await typedName.fill(opts.signal);
  } else {
    await namePicker.first().click();
    await page.getByRole('option', { name: opts.signal, exact: true }).click();
  }
  // The payload editor is CodeMirror: type into it rather than setting a value.
  await dialog.locator('.cm-content[aria-label="Data"]').click();
  await page.keyboard.insertText(opts.payload);
  await shot('ui-2-signal-dialog.png');

  await dialog.getByRole('button', { name: 'Submit' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('Workflow signaled.').first().waitFor();
  await page.getByRole('tab', { name: /Event History/ }).click();
  await page.getByText(/Workflow Execution Signaled|WorkflowExecutionSignaled/).first().waitFor();
  await shot('ui-3-signal-sent.png');
  console.log(`send-signal: ${opts.signal} sent to ${opts['workflow-id']} through ${opts.ui}`);
} catch (error) {
  await shot('ui-failure.png').catch(() => {});
  const dialogHtml = await page.locator('[role=dialog]').first().innerHTML({ timeout: 1000 })
    .catch(() => '(no dialog)');
  writeFileSync(join(opts.out, 'ui-failure-dialog.html'), dialogHtml);
  console.error(`send-signal: ${error.message}`);
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
