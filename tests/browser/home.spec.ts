import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { watchProblems } from '#tests/helpers/browser'

const ZH_HEADING = '重庆市公共资源交易平台'
const EN_HEADING = 'Chongqing Public Resource Trading Platform'

const PHONE = { width: 375, height: 740 }

/** The page's full width: wider than the screen means sideways scrolling */
function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as any).document.scrollingElement.scrollWidth)
}

test.group('Home page', () => {
  test('renders in Chinese by default and remembers a switch to English', async ({
    visit,
    browserContext,
  }) => {
    const browser = watchProblems(browserContext)
    const page = await visit('/')
    await browser.settled(page)
    await page.assertText('h1', ZH_HEADING)
    await page.assertExists('html[lang="zh-CN"]')

    await page.getByTestId('switch-locale').click()
    await page.assertText('h1', EN_HEADING)
    await page.assertExists('html[lang="en"]')
    await browser.settled(page)

    await page.reload()
    await browser.settled(page)
    await page.assertText('h1', EN_HEADING)
    await page.assertExists('html[lang="en"]')

    await page.getByTestId('switch-locale').click()
    await page.assertText('h1', ZH_HEADING)
    await page.assertExists('html[lang="zh-CN"]')
    browser.assertClean()
  })

  test('the tenant switcher goes to the chosen platform', async ({ visit, browserContext }) => {
    const browser = watchProblems(browserContext)
    const page = await visit('/')
    await browser.settled(page)
    await page.getByLabel('切换交易平台').selectOption('500101')
    await page.assertPath('/')
    await page.getByRole('button', { name: '前往' }).click()
    await page.waitForURL('**/t/500101')
    await page.assertTextContains('[data-testid="current-tenant"]', '万州区')
    await browser.settled(page)
    browser.assertClean()
  })

  test('fits a phone screen without sideways scrolling, in both languages', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const browser = watchProblems(browserContext)
    const page = await visit('/')
    await page.setViewportSize(PHONE)
    await browser.settled(page)
    assert.isAtMost(await scrollWidth(page), PHONE.width + 1)

    await page.getByTestId('switch-locale').click()
    await page.assertText('h1', EN_HEADING)
    assert.isAtMost(await scrollWidth(page), PHONE.width + 1)
    browser.assertClean()
  })
})
