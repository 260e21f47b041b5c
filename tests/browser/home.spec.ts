import { test } from '@japa/runner'
import { settled, watchProblems } from '#tests/helpers/browser'

test.group('Home page', () => {
  test('renders in Chinese by default and remembers a switch to English', async ({ visit, browserContext }) => {
    const browser = watchProblems(browserContext)
    const page = await visit('/')
    await settled(page)
    await page.assertText('h1', '重庆市公共资源交易平台')
    await page.assertExists('html[lang="zh-CN"]')

    await page.getByTestId('switch-locale').click()
    await page.assertText('h1', 'Chongqing Public Resource Trading Platform')
    await settled(page)

    await page.reload()
    await settled(page)
    await page.assertText('h1', 'Chongqing Public Resource Trading Platform')

    await page.getByTestId('switch-locale').click()
    await page.assertText('h1', '重庆市公共资源交易平台')
    browser.assertClean()
  })
})
