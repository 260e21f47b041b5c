import { test } from '@japa/runner'
import type { Page } from 'playwright'
import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import { createAccount } from '#tests/helpers/accounts'
import { logInAt, watchProblems, type BrowserWatch } from '#tests/helpers/browser'
import { allowForDistricts, enablePlugin, tenantOf } from '#tests/helpers/plugins'

/**
 * Plugin enablement as a centre admin and the city admin use it, with the
 * fixture plugins notes (city + district, one setting), notes-digest
 * (requires notes) and city-ledger (city only).
 */
async function enabledHere(code: string) {
  const tenant = await tenantOf(code)
  const rows = await withTenant(
    { scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId },
    () =>
      db
        .from('tenant_plugins')
        .where('enabled', true)
        .orderBy('plugin_id')
        .select('plugin_id', 'settings')
  )
  return rows as Array<{ plugin_id: string; settings: Record<string, unknown> }>
}

async function districtsAllowed(pluginId: string) {
  const row = await db
    .connection('owner')
    .from('plugin_policies')
    .where('plugin_id', pluginId)
    .first()
  return row?.districts_allowed ?? false
}

function card(page: Page, pluginId: string) {
  return page.locator(`section[data-plugin="${pluginId}"]`)
}

/** Clicks a button of a plugin's card and waits for the page's answer */
async function press(browser: BrowserWatch, page: Page, pluginId: string, name: RegExp) {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'GET'),
    card(page, pluginId).getByRole('button', { name }).click(),
  ])
  await browser.settled(page)
}

test.group('Plugins page', (group) => {
  group.each.setup(async () => {
    await allowForDistricts('notes', true)
    await allowForDistricts('notes-digest', true)
  })

  test('a centre admin enables and disables plugins, each refusal shown on its plugin', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const browser = watchProblems(browserContext)
    const admin = await createAccount([{ code: '500155', role: 'center_admin' }], '中心管理员')
    const page = await logInAt(browser, visit, '/t/500155/admin/plugins', admin.email!)
    const notesLink = page.locator('header nav a[href$="/t/500155/notes"]')

    // City-only: explained, and no button to press
    await page.assertTextContains(
      'section[data-plugin="city-ledger"]',
      '本平台不能启用此插件（层级不适用或市级未开放）'
    )
    assert.isTrue(
      await card(page, 'city-ledger').getByRole('button', { name: /启用/ }).isDisabled()
    )

    // A requirement not enabled yet
    await press(browser, page, 'notes-digest', /^启用/)
    await page.assertTextContains('section[data-plugin="notes-digest"] [role="alert"]', '须先启用')

    // Settings come pre-filled with the defaults and are checked by the plugin's schema
    const heading = card(page, 'notes').getByLabel('heading')
    assert.equal(await heading.inputValue(), 'Notes')
    await heading.fill('长'.repeat(51))
    await press(browser, page, 'notes', /^启用/)
    assert.equal(await heading.getAttribute('aria-invalid'), 'true')
    await page.assertExists(page.locator('#setting-notes-heading-error'))
    assert.deepEqual(await enabledHere('500155'), [])

    await heading.fill('会议纪要')
    await press(browser, page, 'notes', /^启用/)
    await page.assertText('[data-testid="flash"]', '插件已启用')
    await page.assertTextContains(
      'section[data-plugin="notes"] [data-testid="plugin-state"]',
      '已启用'
    )
    await page.assertExists(notesLink)
    assert.deepEqual(await enabledHere('500155'), [
      { plugin_id: 'notes', settings: { heading: '会议纪要' } },
    ])

    await press(browser, page, 'notes-digest', /^启用/)
    await page.assertTextContains(
      'section[data-plugin="notes-digest"] [data-testid="plugin-state"]',
      '已启用'
    )

    // notes is required by an enabled plugin
    await press(browser, page, 'notes', /^停用/)
    await page.assertTextContains('section[data-plugin="notes"] [role="alert"]', '请先停用它们')
    assert.lengthOf(await enabledHere('500155'), 2)

    await press(browser, page, 'notes-digest', /^停用/)
    await press(browser, page, 'notes', /^停用/)
    await page.assertText('[data-testid="flash"]', '插件已停用')
    await page.assertNotExists(notesLink)
    assert.deepEqual(await enabledHere('500155'), [])
    browser.assertClean()
  })

  test('the city admin reads the catalogue and decides what districts may enable', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const browser = watchProblems(browserContext)
    await enablePlugin('500156', 'notes')
    const admin = await createAccount([{ code: '500000', role: 'city_admin' }], '市管理员')
    const page = await logInAt(browser, visit, '/t/500000/admin/plugin-catalogue', admin.email!)

    await page.assertTextContains('tr[data-plugin="city-ledger"]', '市级')
    await page.assertTextContains('tr[data-plugin="notes-digest"]', 'notes ^0.1.0')
    await page.assertExists(page.locator('td[data-cell="500156:notes"] .ok'))
    await page.assertNotExists(page.locator('td[data-cell="500155:notes"] .ok'))
    // A city-only plugin has no district switch
    await page.assertNotExists(page.locator('tr[data-plugin="city-ledger"] input'))

    const digestSwitch = page.getByLabel('允许区县启用 备忘摘要')
    assert.isTrue(await digestSwitch.isChecked())
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'GET'),
      digestSwitch.uncheck(),
    ])
    await browser.settled(page)
    assert.isFalse(await digestSwitch.isChecked())
    assert.isFalse(await districtsAllowed('notes-digest'))

    await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'GET'),
      digestSwitch.check(),
    ])
    assert.isTrue(await districtsAllowed('notes-digest'))
    browser.assertClean()
  })

  test('a district centre admin cannot open the catalogue', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const browser = watchProblems(browserContext)
    const admin = await createAccount([{ code: '500155', role: 'center_admin' }])
    const page = await logInAt(browser, visit, '/t/500155/admin/plugins', admin.email!)
    await page.assertNotExists(page.getByRole('link', { name: '插件目录' }))
    const response = await page.goto('/t/500000/admin/plugin-catalogue')
    assert.include([403, 404], response?.status() ?? 0)
  })
})
