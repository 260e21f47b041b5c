import { createRequire } from 'node:module'
import { AssertionError } from 'node:assert'
import type { Page } from 'playwright'
import type { AxeResults } from 'axe-core'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const BLOCKING = new Set(['serious', 'critical'])

/**
 * Runs axe-core (WCAG 2 A/AA and best practices) on the page as it is now and
 * fails on every serious or critical violation, naming the rule and the nodes
 * so the message alone is enough to find the fault.
 */
export async function assertAccessible(page: Page) {
  // These functions run in the page (globalThis is its window; the server tsconfig has no DOM types)
  const hasAxe = await page.evaluate(() => 'axe' in globalThis)
  if (!hasAxe) await page.addScriptTag({ path: axePath })
  const results = (await page.evaluate(() =>
    (globalThis as any).axe.run((globalThis as any).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] },
    })
  )) as AxeResults
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''))
  if (blocking.length === 0) return
  const lines = blocking.map((violation) => {
    const targets = violation.nodes.map((node) => `    - ${node.target.join(' ')}`).join('\n')
    return `  [${violation.impact}] ${violation.id}: ${violation.help}\n${targets}`
  })
  throw new AssertionError({
    message: `axe found ${blocking.length} serious/critical violation(s) on ${page.url()}:\n${lines.join('\n')}`,
  })
}
