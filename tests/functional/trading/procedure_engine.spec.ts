import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { clock } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { withTenant } from '#tenancy/tenant_context'
import { registerProcedure } from '#trading/engine/define_procedure'
import {
  type TradeActor,
  fireTransition,
  resumeTrade,
  startTrade,
  suspendTrade,
} from '#trading/engine/procedure_engine'
import { testTender } from '#tests/fixtures/test_procedure'
import { tenantOf } from '#tests/helpers/plugins'

const tenderer: TradeActor = { accountId: null, label: 'tenderer', role: 'tenderer' }
const operator: TradeActor = { accountId: null, label: 'operator', role: 'operator' }
const supervisor: TradeActor = { accountId: null, label: 'supervisor', role: 'supervisor' }
const DAY = 24 * 60 * 60

async function inDistrict<T>(code: string, fn: () => Promise<T>) {
  const tenant = await tenantOf(code)
  return withTenant({ scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId }, fn)
}

/** The refusal a transition raises, or null when it succeeds */
async function refusal(code: string, fn: () => Promise<unknown>) {
  try {
    await inDistrict(code, fn)
    return null
  } catch (error) {
    if (error instanceof RuleViolation) return error
    throw error
  }
}

function messageOf(violation: RuleViolation, locale = 'zh-CN') {
  return i18nManager.locale(locale).t(violation.messageKey, violation.values)
}

test.group('procedure engine', (group) => {
  group.setup(() => registerProcedure(testTender))
  group.each.teardown(() => inDistrict('500115', () => clock.reset()))

  test('19 calendar days from the documents are refused, 20 accepted', async ({ assert }) => {
    const trade = await inDistrict('500115', async () => {
      const started = await startTrade('test-tender', '测试招标项目', tenderer)
      return fireTransition(started.id, 'issue_documents', tenderer)
    })
    await inDistrict('500115', () => clock.advance(19 * DAY))
    const early = await refusal('500115', () => fireTransition(trade.id, 'open_bids', operator))
    assert.equal(early?.messageKey, 'trading.errors.period_too_short')
    assert.equal(early?.values.rule, 'construction.documents_to_deadline')
    assert.match(
      messageOf(early!),
      /《招标投标法》第二十四条.*不少于 20 日.*最早可在 \d{4}-\d{2}-\d{2}/
    )
    assert.match(messageOf(early!, 'en'), /Bidding Law Art\. 24 requires at least 20 days/)

    await inDistrict('500115', () => clock.advance(DAY))
    const opened = await inDistrict('500115', () => fireTransition(trade.id, 'open_bids', operator))
    assert.equal(opened.state, 'opened')
    assert.equal(opened.milestones.documents_issued, trade.milestones.documents_issued)
  })

  test('state, history and audit are persisted for each transition', async ({ assert }) => {
    const trade = await inDistrict('500115', async () => {
      const started = await startTrade('test-tender', '历史记录', tenderer)
      return fireTransition(started.id, 'issue_documents', tenderer)
    })
    const history = await inDistrict('500115', () =>
      db
        .from('trade_transitions')
        .where('trade_id', trade.id)
        .select('event', 'from_state', 'to_state')
    )
    assert.deepEqual(history, [
      { event: 'issue_documents', from_state: 'draft', to_state: 'documents_issued' },
    ])
    const audit = await inDistrict('500115', () =>
      db
        .from('audit_events')
        .where('subject_type', 'trade')
        .where('subject_id', String(trade.id))
        .orderBy('seq')
        .select('action')
    )
    assert.deepEqual(
      audit.map((row) => row.action),
      ['trade.start', 'trade.transition']
    )
  })

  test('a suspended trade refuses every party action until resumed', async ({ assert }) => {
    const trade = await inDistrict('500116', () => startTrade('test-tender', '暂停测试', tenderer))
    await inDistrict('500116', () => suspendTrade(trade.id, supervisor, '收到投诉'))
    const refused = await refusal('500116', () =>
      fireTransition(trade.id, 'issue_documents', tenderer)
    )
    assert.equal(refused?.messageKey, 'trading.errors.suspended')
    assert.equal(refused?.status, 409)
    const notSupervisor = await refusal('500116', () => resumeTrade(trade.id, tenderer))
    assert.equal(notSupervisor?.status, 403)

    await inDistrict('500116', () => resumeTrade(trade.id, supervisor))
    const issued = await inDistrict('500116', () =>
      fireTransition(trade.id, 'issue_documents', tenderer)
    )
    assert.equal(issued.state, 'documents_issued')
  })

  test('the wrong role and the wrong state are refused', async ({ assert }) => {
    const trade = await inDistrict('500116', () => startTrade('test-tender', '角色测试', tenderer))
    const wrongRole = await refusal('500116', () =>
      fireTransition(trade.id, 'issue_documents', operator)
    )
    assert.equal(wrongRole?.messageKey, 'trading.errors.wrong_actor')
    const wrongState = await refusal('500116', () => fireTransition(trade.id, 'award', tenderer))
    assert.equal(wrongState?.messageKey, 'trading.errors.wrong_state')
    const unknown = await refusal('500116', () => fireTransition(trade.id, 'teleport', tenderer))
    assert.equal(unknown?.status, 404)
  })

  test('a period reaching into a year with no calendar is refused', async ({ assert }) => {
    const trade = await inDistrict('500115', async () => {
      const started = await startTrade('test-tender', '跨年测试', tenderer)
      await fireTransition(started.id, 'issue_documents', tenderer)
      return started
    })
    await inDistrict('500115', () => clock.advance(21 * DAY))
    await inDistrict('500115', () => fireTransition(trade.id, 'open_bids', operator))
    // Start the publicity on the last days of the last published year
    const now = await inDistrict('500115', () => clock.now())
    const lastDay = Date.UTC(2026, 11, 30, 4)
    await inDistrict('500115', () => clock.advance(Math.floor((lastDay - now.getTime()) / 1000)))
    await inDistrict('500115', () => fireTransition(trade.id, 'publish_candidates', tenderer))
    await inDistrict('500115', () => clock.advance(5 * DAY))
    const refused = await refusal('500115', () =>
      fireTransition(trade.id, 'award', tenderer, { winner: 'A' })
    )
    assert.equal(refused?.messageKey, 'trading.errors.calendar_missing')
    // A year, not a quantity: no thousands separator
    assert.equal(
      messageOf(refused!),
      '2027 年的工作日历尚未发布，无法计算期限，请联系市级管理员维护工作日历'
    )
  })

  test('production cannot move the clock', async ({ assert }) => {
    await db
      .connection('owner')
      .rawQuery(`update platform_clock set mode = 'production' where id = 1`)
    try {
      await assert.rejects(
        () => inDistrict('500115', () => clock.advance(DAY)),
        'This deployment runs in production mode: its clock cannot be moved'
      )
    } finally {
      await db.connection('owner').rawQuery(`update platform_clock set mode = 'test' where id = 1`)
    }
  })
})
