import { AssertionError } from 'node:assert'
import type { BrowserContext, Page } from 'playwright'
import { assertAccessible } from '#tests/helpers/axe'

/**
 * Collects what a person would not notice but a broken page shows: console
 * errors, uncaught exceptions and requests that failed, across every page of
 * a browser context. `assertClean()` fails the test when any occurred.
 */
export function watchProblems(context: BrowserContext) {
  const problems: string[] = []
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`))
    page.on('requestfailed', (request) => {
      problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`)
    })
  }
  context.pages().forEach(watch)
  context.on('page', watch)
  return {
    problems,
    assertClean() {
      if (problems.length) {
        throw new AssertionError({ message: `the browser reported:\n  ${problems.join('\n  ')}` })
      }
    },
  }
}

/** Svelte has mounted: the layout sets this flag in onMount */
export async function hydrated(page: Page) {
  await page.waitForSelector('html[data-hydrated="true"]', { state: 'attached' })
}

/** Waits for hydration, then checks accessibility of what is on screen */
export async function settled(page: Page) {
  await hydrated(page)
  await assertAccessible(page)
}
