import { test } from '@japa/runner'
import { SYSTEM_ACTOR, recordAudit } from '#audit/audit_log'
import { inTenant } from '#tests/helpers/bids'
import { alertsOf, district, runSupervisionTimers } from '#tests/helpers/supervision'
import { CORE_RULES, alertRules, collectRules } from '#supervision/rules/registry'

/**
 * Plugins declare alert rules in their manifests (`alertRules`, a lazy
 * module); the fixture plugin `city-ledger` declares W90.
 */
test.group('alert rules declared by plugins', () => {
  test('the registry holds the core rules and the installed plugins’ rules', async ({ assert }) => {
    const rules = await alertRules()
    const codes = rules.map((rule) => rule.code)
    assert.includeMembers(codes, ['W01', 'W09', 'W18', 'W90'])
  })

  test('a plugin rule with a code already taken stops the registry, naming the plugin', ({
    assert,
  }) => {
    assert.throws(
      () => collectRules(CORE_RULES, [{ pluginId: 'copycat', rules: [CORE_RULES[0]] }]),
      /Plugin "copycat": alert rule W01 is declared twice/
    )
  })

  test('an event a plugin rule watches raises its alert', async ({ assert }) => {
    const code = await district('rules')
    const entryId = `e${Date.now()}`
    await inTenant(code, () =>
      recordAudit(SYSTEM_ACTOR, {
        action: 'ledger.flagged',
        subjectType: 'ledger_entry',
        subjectId: entryId,
      })
    )
    await runSupervisionTimers(code)
    const raised = await alertsOf(code, { rule: 'W90' })
    assert.isTrue(raised.some((alert) => alert.evidence.entry === entryId))
  })
})
