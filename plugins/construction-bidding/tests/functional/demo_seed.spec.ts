import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { seedDemoAccounts } from '#core/seeding/seed_platform'
import { seedPluginDemos } from '#core/seeding/plugin_demos'
import { pluginRegistry } from '#plugin_host/plugin_host'
import { inTenant } from '#tests/helpers/bids'
import { CODE } from './fixtures.js'

const TENDERER_CODE = '91500101MA5U8TND21'

/** The demo tenderer's tenders: state, committee and whether performance was recorded */
async function demoTenders() {
  return inTenant(CODE, async () => {
    const rows = await db
      .from('trades as t')
      .join('cb_tenders as c', 'c.trade_id', 't.id')
      .join('projects as p', 'p.id', 'c.project_id')
      .join('market_entities as e', 'e.id', 'p.entity_id')
      .leftJoin('expert_evaluations as v', 'v.trade_id', 't.id')
      .where('e.code', TENDERER_CODE)
      .orderBy('t.id')
      .select('t.id', 't.state', 't.milestones', 'v.committee_formed_at', 'v.final_at')
      .select(
        db.raw(
          `exists (select 1 from trade_transitions r
             where r.trade_id = t.id and r.event = 'record_performance') as performance`
        )
      )
    return rows
  })
}

/** Each tender's stage: its state, telling a contract with performance recorded apart */
const stagesOf = (rows: Awaited<ReturnType<typeof demoTenders>>) =>
  rows.map((row) =>
    row.state === 'contracted' && row.performance ? 'contracted+performance' : row.state
  )

test.group('construction-bidding: the demo seed', () => {
  test('万州区 gets one tender at each stage, the committees from the expert pool, once', async ({
    assert,
  }) => {
    // As platform:seed runs it: the demo accounts, whose entity bids too, then every plugin's phases
    await seedDemoAccounts()
    const ran = await seedPluginDemos(pluginRegistry().all())
    assert.deepEqual(
      ran
        .filter((seed) => ['construction-bidding', 'expert-pool'].includes(seed.pluginId))
        .map((seed) => `${seed.pluginId}:${seed.phase}`),
      ['construction-bidding:10', 'expert-pool:20', 'construction-bidding:30']
    )
    const seeded = await demoTenders()
    assert.sameMembers(stagesOf(seeded), [
      'draft',
      'notice_published',
      'prequal_documents_issued',
      'documents_issued',
      'documents_objection',
      'failed',
      'opening',
      'evaluating',
      'publicity',
      'awarded',
      'contracted',
      'contracted+performance',
      'closed',
    ])
    const opened = seeded.find((row) => row.state === 'opening')!
    assert.property(opened.milestones, 'opening_closed')
    // The one at evaluation waits for its committee; every later one had its report signed
    const evaluating = seeded.find((row) => row.state === 'evaluating')!
    assert.isNull(evaluating.committee_formed_at)
    const later = seeded.filter((row) =>
      ['publicity', 'awarded', 'contracted', 'closed'].includes(row.state)
    )
    assert.lengthOf(later, 5)
    for (const row of later) assert.isNotNull(row.final_at)
    const signatures = await inTenant(CODE, () =>
      db
        .from('expert_committee_members as m')
        .join('accounts as a', 'a.id', 'm.account_id')
        .join('expert_evaluations as v', 'v.id', 'm.evaluation_id')
        .whereIn(
          'v.trade_id',
          later.map((row) => row.id)
        )
        .whereNotNull('m.signed_at')
        .select('a.email')
    )
    assert.lengthOf(signatures, 25)
    assert.sameMembers(
      [...new Set(signatures.map((row) => row.email))],
      [1, 2, 3, 4, 5].map((i) => `expert${i}@demo.ggzy.cn`)
    )
    const clockRow = await db.connection('owner').from('platform_clock').where('id', 1).first()
    assert.isNull(clockRow.frozen_at)

    const counts = async () => ({
      draws: await inTenant(CODE, () => db.from('expert_draws').count('* as n').first()),
      experts: await db.connection('owner').from('experts').count('* as n').first(),
    })
    const before = await counts()
    await seedPluginDemos(pluginRegistry().all())
    const again = await demoTenders()
    assert.deepEqual(stagesOf(again), stagesOf(seeded))
    assert.deepEqual(await counts(), before)
  })
})
