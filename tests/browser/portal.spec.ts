import { test } from '@japa/runner'
import { watchProblems } from '#tests/helpers/browser'
import { publishIn } from '#tests/helpers/disclosure'

/** The public portal without a login: search the city-wide list, open a result */
test.group('Public portal', () => {
  test('a two-character search on / finds the announcement and opens it', async ({
    visit,
    browserContext,
  }) => {
    await publishIn('500241', { title: '秀山县城道路工程招标公告', body: '道路改造。' })
    await publishIn('500241', { title: '秀山办公用品采购公告', kind: 'deal' })
    const browser = watchProblems(browserContext)
    const page = await visit('/')
    await browser.settled(page)

    await page.getByLabel('关键词').fill('工程')
    await page.getByLabel('交易平台', { exact: true }).selectOption('500241')
    await page.getByRole('button', { name: '搜索' }).click()
    await page.waitForURL((url) => url.searchParams.get('q') === '工程')
    const results = page.getByRole('list', { name: '交易信息公开' })
    await results.getByRole('link', { name: '秀山县城道路工程招标公告' }).waitFor()
    await page.assertNotExists('text=秀山办公用品采购公告')
    await browser.settled(page)

    await results.getByRole('link', { name: '秀山县城道路工程招标公告' }).click()
    await page.waitForURL('**/t/500241/announcements/*')
    await page.assertText('h1', '秀山县城道路工程招标公告')
    await browser.settled(page)
    browser.assertClean()
  })
})
