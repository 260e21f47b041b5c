import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { seedDemoAccounts } from '#core/seeding/seed_platform'
import { inTenant } from '#tests/helpers/bids'
import seedConstructionDemo from '../../database/seeders/demo.js'
import { CODE } from './fixtures.js'

const TENDERER_CODE = '91500101MA5U8TND21'

async function demoStates() {
  return inTenant(CODE, async () => {
    const rows = await db
      .from('trades as t')
      .join('cb_tenders as c', 'c.trade_id', 't.id')
      .join('projects as p', 'p.id', 'c.project_id')
      .join('market_entities as e', 'e.id', 'p.entity_id')
      .where('e.code', TENDERER_CODE)
      .orderBy('t.id')
      .select('t.state', 't.milestones')
    return rows
  })
}

test.group('construction-bidding: the demo seed', () => {
  test('万州区 gets one tender at each stage the platform reaches on its own, once', async ({
    assert,
  }) => {
    // As platform:seed runs it: after the demo accounts, whose entity bids too
    await seedDemoAccounts()
    await seedConstructionDemo()
    const seeded = await demoStates()
    assert.sameMembers(
      seeded.map((row) => row.state),
      [
        'draft',
        'notice_published',
        'prequal_documents_issued',
        'documents_issued',
        'documents_objection',
        'failed',
        'opening',
      ]
    )
    const opened = seeded.find((row) => row.state === 'opening')!
    assert.property(opened.milestones, 'opening_closed')
    const clockRow = await db.connection('owner').from('platform_clock').where('id', 1).first()
    assert.isNull(clockRow.frozen_at)

    await seedConstructionDemo()
    assert.lengthOf(await demoStates(), seeded.length)
  })
})
