import { test } from '@japa/runner'
import { ESLint } from 'eslint'

/**
 * The build's lint fails on a plugin importing another plugin, and on core
 * importing a plugin; imports of core modules stay allowed.
 */
async function lint(filePath: string, code: string) {
  const eslint = new ESLint({ cwd: process.cwd() })
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.filter((m) => m.ruleId === 'ggzy/plugin-boundaries').map((m) => m.message)
}

test.group('plugin boundaries lint', () => {
  test('a plugin importing another plugin fails the lint', async ({ assert }) => {
    const messages = await lint(
      'plugins/construction-bidding/app/actions/draw.ts',
      "import { draw } from '../../../expert-pool/app/actions/draw.js'\nexport { draw }\n"
    )
    assert.deepEqual(messages, [
      'Plugin "construction-bidding" must not import plugin "expert-pool"; reach it through a declared capability.',
    ])
  })

  test('core importing a plugin fails the lint', async ({ assert }) => {
    const messages = await lint(
      'app/trading/actions/open.ts',
      "import manifest from '../../../plugins/expert-pool/manifest.js'\nexport { manifest }\n"
    )
    assert.deepEqual(messages, ['Core code must not import plugin "expert-pool".'])
  })

  test('a plugin importing core modules and its own files passes', async ({ assert }) => {
    const messages = await lint(
      'plugins/expert-pool/app/actions/draw.ts',
      "import { recordAudit } from '#audit/audit_log'\nimport { x } from '../models/expert.js'\nexport { recordAudit, x }\n"
    )
    assert.deepEqual(messages, [])
  })
})
