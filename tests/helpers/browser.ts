import { AssertionError } from 'node:assert'
import type { BrowserContext, Page } from 'playwright'
import type { TestContext } from '@japa/runner/core'
import { assertAccessible } from '#tests/helpers/axe'
import { TEST_PASSWORD } from '#tests/helpers/accounts'

/** Svelte has mounted: the layout sets this flag in onMount */
export async function hydrated(page: Page) {
  await page.waitForSelector('html[data-hydrated="true"]', { state: 'attached' })
}

/**
 * Collects what a person would not notice but a broken page shows: console
 * errors, uncaught exceptions and failed requests, across every page of a
 * browser context. `assertClean()` fails the test when any occurred;
 * `settled(page)` also checks accessibility of the page as it is now.
 */
export function watchProblems(
  context: BrowserContext,
  options: { expectedConsoleErrors?: RegExp[] } = {}
) {
  const problems: string[] = []
  // e.g. the browser's own line for a 422 the test provokes on purpose
  const expected = (text: string) =>
    (options.expectedConsoleErrors ?? []).some((pattern) => pattern.test(text))
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' && !expected(message.text()))
        problems.push(`console error on ${page.url()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`))
    page.on('requestfailed', (request) => {
      // Leaving a page cancels what it still loads: not a failure of the app
      if (request.failure()?.errorText === 'net::ERR_ABORTED') return
      problems.push(
        `request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`
      )
    })
  }
  context.pages().forEach(watch)
  context.on('page', watch)

  function assertClean() {
    if (problems.length) {
      throw new AssertionError({ message: `the browser reported:\n  ${problems.join('\n  ')}` })
    }
  }

  return {
    assertClean,
    /** Hydrated, nothing went wrong so far, and axe finds no serious violation */
    async settled(page: Page) {
      await hydrated(page)
      assertClean()
      await assertAccessible(page)
    },
  }
}

export type BrowserWatch = ReturnType<typeof watchProblems>

/** Fills and sends the login form the page shows */
export async function submitLogin(page: Page, uid: string, password: string) {
  await page.getByLabel('电子邮箱或手机号码').fill(uid)
  await page.getByLabel('密码', { exact: true }).fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
}

/**
 * Opens the login page asking to go on to `next`, logs in with the test
 * password, and returns the page once `next` is shown and settled.
 */
export async function logInAt(
  browser: BrowserWatch,
  visit: TestContext['visit'],
  next: string,
  uid: string
) {
  const page = await visit(`/login?next=${encodeURIComponent(next)}`)
  await browser.settled(page)
  await submitLogin(page, uid, TEST_PASSWORD)
  await page.waitForURL(`**${next}`)
  await browser.settled(page)
  return page
}
