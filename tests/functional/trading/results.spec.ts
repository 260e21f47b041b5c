import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { registerProcedure } from '#trading/engine/define_procedure'
import { type TradeActor, fireTransition, startTrade } from '#trading/engine/procedure_engine'
import { testResults } from '#tests/fixtures/test_procedure'
import { inTenant } from '#tests/helpers/bids'
import { randomUscc } from '#tests/helpers/identity'

/**
 * The shared result transitions, run through the engine in 渝北区 (500112
 * is used by the plugin tests for other tables only): what each publishes,
 * and what each refuses.
 */
const CODE = '500112'
const DAY = 86_400
const tenderer: TradeActor = { accountId: null, label: 'tenderer', role: 'tenderer' }
const operator: TradeActor = { accountId: null, label: 'operator', role: 'operator' }

async function refusalOf(fn: () => Promise<unknown>) {
  try {
    await inTenant(CODE, fn)
    return null
  } catch (error) {
    if (error instanceof RuleViolation) return error.messageKey
    throw error
  }
}

async function announcements(tradeId: number) {
  return inTenant(CODE, () =>
    db
      .from('announcements')
      .where('trade_id', tradeId)
      .orderBy('id')
      .select('kind', 'title', 'body')
  )
}

test.group('result transitions', (group) => {
  group.setup(() => registerProcedure(testResults))
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('candidates, 3 days of publicity, award, contract and performance, each published', async ({
    assert,
  }) => {
    const first = { rank: 1, name: '第一建设有限公司', code: randomUscc(), price: 1_200_000 }
    const second = { rank: 2, name: '第二建设有限公司', code: randomUscc(), price: 1_250_000 }
    const trade = await inTenant(CODE, () => startTrade('test-results', '示范工程施工', tenderer))
    await inTenant(CODE, () =>
      fireTransition(trade.id, 'publish_candidates', operator, { candidates: [second, first] })
    )

    await inTenant(CODE, () => clock.advance(2 * DAY))
    assert.equal(
      await refusalOf(() =>
        fireTransition(trade.id, 'award', tenderer, { winnerCode: first.code })
      ),
      'trading.errors.period_too_short'
    )
    await inTenant(CODE, () => clock.advance(1 * DAY))
    assert.equal(
      await refusalOf(() =>
        fireTransition(trade.id, 'award', tenderer, { winnerCode: randomUscc() })
      ),
      'trading.results.errors.winner_not_candidate'
    )
    await inTenant(CODE, () =>
      fireTransition(trade.id, 'award', tenderer, { winnerCode: first.code })
    )

    assert.equal(
      await refusalOf(() =>
        fireTransition(trade.id, 'sign_contract', tenderer, { amount: 0, signedOn: '2026-01-01' })
      ),
      'trading.results.errors.amount'
    )
    await inTenant(CODE, () => clock.advance(31 * DAY))
    const signedOn = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
      await inTenant(CODE, () => clock.now())
    )
    await inTenant(CODE, () =>
      fireTransition(trade.id, 'sign_contract', tenderer, { amount: 1_200_000, signedOn })
    )
    await inTenant(CODE, () =>
      fireTransition(trade.id, 'record_performance', operator, {
        stage: '主体结构完工',
        description: '主体结构已于本月完工并通过验收。',
      })
    )
    const completed = await inTenant(CODE, () =>
      fireTransition(trade.id, 'complete_performance', tenderer, { summary: '竣工验收合格' })
    )
    assert.equal(completed.state, 'completed')

    const published = await announcements(trade.id)
    assert.deepEqual(
      published.map((a) => a.kind),
      ['deal', 'deal', 'performance', 'performance', 'performance']
    )
    assert.match(published[0].body, /第1名：第一建设有限公司.*\n第2名：第二建设有限公司/)
    assert.include(published[0].body, '《招标投标法实施条例》第五十四条')
    assert.include(published[1].body, '中标人：第一建设有限公司')
    assert.include(published[1].body, '1,200,000.00 元')
    // Signed 31 days after the award: disclosed as late, not refused
    assert.include(published[2].body, '合同未在中标通知书发出之日起 30 日内')
    assert.include(published[3].title, '履约信息（主体结构完工）')
  })

  test('bad candidates and performance records are refused and publish nothing', async ({
    assert,
  }) => {
    const trade = await inTenant(CODE, () => startTrade('test-results', '拒绝示例', tenderer))
    const candidate = { rank: 1, name: '某公司', code: randomUscc(), price: 10 }
    assert.equal(
      await refusalOf(() =>
        fireTransition(trade.id, 'publish_candidates', operator, { candidates: [] })
      ),
      'trading.results.errors.candidates'
    )
    assert.equal(
      await refusalOf(() =>
        fireTransition(trade.id, 'publish_candidates', operator, {
          candidates: [{ ...candidate, code: 'not-a-code' }],
        })
      ),
      'trading.results.errors.candidate_shape'
    )
    assert.equal(
      await refusalOf(() =>
        fireTransition(trade.id, 'publish_candidates', operator, {
          candidates: [{ ...candidate, rank: 2 }],
        })
      ),
      'trading.results.errors.candidate_ranks'
    )
    assert.equal(
      await refusalOf(() =>
        fireTransition(trade.id, 'record_performance', operator, { stage: '', description: '' })
      ),
      'trading.errors.wrong_state'
    )
    assert.lengthOf(await announcements(trade.id), 0)
  })
})
