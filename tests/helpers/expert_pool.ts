import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { randomIdCard, randomMobile, randomUscc } from '#tests/helpers/identity'
import { tenantOf } from '#tests/helpers/plugins'
import type Account from '#identity/models/account'

/**
 * Rows of the expert-pool plugin's tables, written by SQL as tenant_rows.ts
 * does (core tests may not import a plugin), for the plugin's own tests and
 * the browser tests of its pages.
 */
export interface TestExpert {
  id: number
  account: Account
}

/** An active expert linked to an account of its own */
export async function expertWithAccount(name = '评审专家'): Promise<TestExpert> {
  const account = await createAccount([], name)
  const [row] = await db
    .connection('owner')
    .table('experts')
    .insert({
      name,
      id_number: randomIdCard(),
      mobile: randomMobile(),
      employer_uscc: randomUscc(),
      title: '高级工程师',
      title_level: 'deputy_senior',
      years_in_field: 12,
      specialty_codes: ['A010101'],
      account_id: account.id,
    })
    .returning('id')
  return { id: Number(row.id), account }
}

/**
 * A decided draw of the trade whose confirmed experts are `expertIds`: a
 * record of the draw's shape (the draw pages read it), not a replayable one
 */
export async function decidedDraw(code: string, tradeId: number, expertIds: number[]) {
  const drawer = await createAccount()
  const tendererUscc = randomUscc()
  const line = { code: 'A010101', count: expertIds.length }
  const request = {
    lines: [line],
    reservePerLine: 0,
    regions: 'any',
    excludedIds: [],
    drawDate: '2031-01-06',
    lot: { tendererUscc, bidderUsccs: [], supervisorKeys: [] },
    maxDrawsPerTenderer: 3,
    fallback: 'none',
  }
  const picks = expertIds.map((id) => ({ expertId: String(id), viaCode: line.code }))
  const result = {
    lines: [{ code: line.code, drawn: picks, reserves: [] }],
    exclusions: [],
    shortfalls: [],
    endBlock: 0,
    topUps: [],
  }
  return inTenant(code, async () => {
    const tenant = await tenantOf(code)
    const scoped = { root_tenant_id: tenant.rootId, tenant_id: tenant.id }
    const [draw] = await db
      .table('expert_draws')
      .insert({
        ...scoped,
        trade_id: tradeId,
        tenderer_uscc: tendererUscc,
        evaluation_date: '2031-01-06',
        status: 'decided',
        request: JSON.stringify(request),
        snapshot: '{"experts":[]}',
        snapshot_hash: '0'.repeat(64),
        commitment: '0'.repeat(64),
        seed: randomBytes(32),
        result: JSON.stringify(result),
        drawn_at: new Date(),
        decided_at: new Date(),
        created_by: drawer.id,
      })
      .returning('id')
    for (const expertId of expertIds) {
      await db.table('expert_draw_seats').insert({
        ...scoped,
        draw_id: draw.id,
        expert_id: expertId,
        line: 0,
        via_code: 'A010101',
        kind: 'drawn',
        status: 'confirmed',
        answered_at: new Date(),
      })
    }
    return Number(draw.id)
  })
}
