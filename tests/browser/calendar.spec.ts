import { test } from '@japa/runner'
import type { Page } from 'playwright'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { logInAt, watchProblems, type BrowserWatch } from '#tests/helpers/browser'

/**
 * The city admin's calendar page, on 2035 only (far from the seeded years,
 * cleared before and after).
 */
async function clear2035() {
  const owner = db.connection('owner')
  await owner.from('calendar_days').whereBetween('day', ['2035-01-01', '2035-12-31']).delete()
  await owner.from('calendar_years').where('year', 2035).delete()
}

async function storedDays() {
  return db
    .connection('owner')
    .from('calendar_days')
    .whereBetween('day', ['2035-01-01', '2035-12-31'])
    .orderBy('day')
    .select(db.raw(`to_char(day, 'YYYY-MM-DD') as day`), 'kind', 'name')
}

/** Sends the form and waits for the page the server answers with */
async function save(browser: BrowserWatch, page: Page) {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'GET'),
    page.getByRole('button', { name: '保存' }).click(),
  ])
  await browser.settled(page)
}

test.group('Working-day calendar page', (group) => {
  group.each.setup(async () => {
    await clear2035()
    return clear2035
  })

  test('the city admin adds a day, sees why a bad one is refused, and publishes the year', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const browser = watchProblems(browserContext)
    const admin = await createAccount([{ code: '500000', role: 'city_admin' }], '市管理员')
    const page = await logInAt(browser, visit, '/t/500000/admin/calendar?year=2035', admin.email!)
    await page.assertExists(page.locator('header nav a[href$="/t/500000/admin/calendar"]'))
    await page.assertTextContains('[data-testid="year-status"]', '尚未发布')

    await page.getByLabel('日期').fill('2035-01-01')
    await page.getByLabel('类型').selectOption('holiday')
    await page.getByLabel('名称').fill('元旦')
    await save(browser, page)
    await page.assertText('[data-testid="flash"]', '已添加 2035-01-01')
    await page.assertTextContains('tr[data-day="2035-01-01"]', '元旦')

    // A make-up working day on a Tuesday: it is one already
    await page.getByLabel('日期').fill('2035-01-02')
    await page.getByLabel('类型').selectOption('workday')
    await page.getByLabel('名称').fill('调休')
    await save(browser, page)
    await page.assertTextContains('#kind-error', '本来就是工作日')
    assert.equal(await page.getByLabel('类型').getAttribute('aria-invalid'), 'true')
    assert.deepEqual(await storedDays(), [{ day: '2035-01-01', kind: 'holiday', name: '元旦' }])

    await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'GET'),
      page.getByRole('button', { name: '发布 2035 年工作日历' }).click(),
    ])
    await browser.settled(page)
    await page.assertTextContains('[data-testid="year-status"]', '已发布')
    const year = await db.connection('owner').from('calendar_years').where('year', 2035).first()
    assert.exists(year)
    browser.assertClean()
  })

  test('a district centre admin sees no calendar link', async ({ visit, browserContext }) => {
    const browser = watchProblems(browserContext)
    const admin = await createAccount([{ code: '500101', role: 'center_admin' }], '区管理员')
    const page = await logInAt(browser, visit, '/account', admin.email!)
    await page.assertNotExists(page.locator('header nav a[href$="/t/500000/admin/calendar"]'))
  })
})
