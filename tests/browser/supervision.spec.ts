import { test } from '@japa/runner'
import { clock } from '#core/clock'
import { createAccount, createEntityOwner } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { logInAt, watchProblems } from '#tests/helpers/browser'
import { alertsOf, district, openedTrade, runSupervisionTimers } from '#tests/helpers/supervision'

/**
 * The supervisor's pages in the browser: the alert list with its live
 * counter, an alert's evidence and a suspension with a written reason, the
 * dashboard's charts; and a complainant's deadlines. District 500184.
 */
test.group('Supervision pages', (group) => {
  let code = ''
  group.setup(async () => {
    code = await district('city')
  })
  group.each.teardown(() => inTenant(code, () => clock.reset()))

  test('a supervisor reads an alert, suspends its trade with a reason, and sees the dashboard', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const { tradeId } = await openedTrade(code, [{ price: 100 }])
    await runSupervisionTimers(code)
    const [alert] = await alertsOf(code, { tradeId, rule: 'W09' })
    const browser = watchProblems(browserContext, { expectedConsoleErrors: [/status of 422/] })
    const supervisor = await createAccount(
      [{ code, role: 'supervisor', categories: ['construction'] }],
      '住建监督员'
    )
    const page = await logInAt(browser, visit, `/t/${code}/supervision/alerts`, supervisor.email!)
    await page.assertExists(page.locator(`header nav a[href$="/t/${code}/supervision/alerts"]`))
    await page.assertTextContains('[data-open-count]', '待处理预警')
    await page.assertTextContains(`tr[data-alert="${alert.id}"]`, 'W09')

    await page.locator(`tr[data-alert="${alert.id}"] a`).click()
    await page.waitForURL(`**/supervision/alerts/${alert.id}`)
    await browser.settled(page)
    await page.assertTextContains('pre.evidence', '"submitted": 1')
    // No reason: the field says why
    await page.getByRole('button', { name: '暂停交易' }).click()
    await page.waitForSelector('#reason-error')
    assert.equal(await page.getByLabel('处理理由（书面）').getAttribute('aria-invalid'), 'true')
    await page.getByLabel('处理理由（书面）').fill('投标人不足三家，暂停核查')
    await page.getByRole('button', { name: '暂停交易' }).click()
    await page.waitForSelector('[data-status="suspended"]')
    await page.assertTextContains('main', '该交易已暂停')
    await browser.settled(page)

    await page.goto(`/t/${code}/supervision/dashboard`)
    await browser.settled(page)
    await page.waitForSelector('#chart-by-rule svg')
    await page.assertTextContains('table[data-figures="by-rule"]', 'W09')
    browser.assertClean()
  })

  test('the open-alert counter rises over server-sent events as a new alert is raised', async ({
    visit,
    browserContext,
  }) => {
    const browser = watchProblems(browserContext)
    const supervisor = await createAccount(
      [{ code, role: 'supervisor', categories: ['construction'] }],
      '住建监督员'
    )
    const page = await logInAt(browser, visit, `/t/${code}/supervision/alerts`, supervisor.email!)
    const before = Number(await page.locator('[data-open-count]').getAttribute('data-open-count'))
    await openedTrade(code, [{ price: 100 }])
    await runSupervisionTimers(code)
    // No reload, and sooner than the 15 s polling it replaced: the stream (3 s) pushes it
    await page.waitForSelector(`[data-open-count="${before + 1}"]`, { timeout: 8_000 })
    browser.assertClean()
  })

  test('a supervisor opens a case from an alert, notes the inquiry and closes it with a decision', async ({
    visit,
    browserContext,
  }) => {
    const { tradeId } = await openedTrade(code, [{ price: 100 }])
    await runSupervisionTimers(code)
    const [alert] = await alertsOf(code, { tradeId, rule: 'W09' })
    const browser = watchProblems(browserContext)
    const supervisor = await createAccount(
      [{ code, role: 'supervisor', categories: ['construction'] }],
      '住建监督员'
    )
    const page = await logInAt(
      browser,
      visit,
      `/t/${code}/supervision/alerts/${alert.id}`,
      supervisor.email!
    )
    await page.getByLabel('处理理由（书面）').fill('投标人不足三家，立案调查')
    await page.getByRole('button', { name: '立案调查' }).click()
    await page.waitForSelector('[data-status="case_opened"]')
    await page.locator('a[href*="/supervision/cases/"]').click()
    await page.waitForURL('**/supervision/cases/*')
    await browser.settled(page)
    await page.assertTextContains('h1', '监案〔')
    await page.assertTextContains('main', '住建监督员')

    await page.getByLabel('添加记录').fill('调取开标记录，核实投标人数')
    await page.getByRole('button', { name: '添加', exact: true }).click()
    await page.waitForSelector('ol.notes li')
    await page.assertTextContains('ol.notes', '调取开标记录，核实投标人数')
    await page.getByLabel('未发现违法违规').check()
    await page.getByLabel('决定理由').fill('投标人数不足系市场原因，未发现违法违规')
    await page.getByRole('button', { name: '结案' }).click()
    await page.waitForSelector('[data-status="closed"]')
    await browser.settled(page)
    browser.assertClean()
  })

  test('a complainant sees the legal deadlines of its complaint', async ({
    visit,
    browserContext,
  }) => {
    const browser = watchProblems(browserContext)
    const { account } = await createEntityOwner(`投诉人${Date.now() % 100000}有限公司`)
    await inTenant(code, () => clock.freeze(new Date('2026-09-29T10:00:00+08:00')))
    const page = await logInAt(browser, visit, `/t/${code}/complaints`, account.email!)
    await page.getByLabel('知道或应当知道之日').fill('2026-09-25')
    await page.getByLabel('被投诉人（答复人）').fill('重庆某招标代理有限公司')
    await page.getByLabel('请求事项与事实理由').fill('评标委员会未按招标文件评审，请求依法处理。')
    await page.getByLabel('事项', { exact: true }).selectOption('process')
    await page.getByRole('button', { name: '提交' }).click()
    await page.waitForSelector('tr[data-complaint]')
    await page.assertTextContains('tr[data-complaint]', '2026-10-09')
    await page.locator('tr[data-complaint] a').first().click()
    await page.waitForSelector('[data-deadline="acceptDue"]')
    await browser.settled(page)
    await page.assertText('[data-deadline="acceptDue"]', '2026-10-09')
  })
})
