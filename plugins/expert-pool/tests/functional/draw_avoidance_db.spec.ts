import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { randomUscc } from '#tests/helpers/identity'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import type { DrawResult } from '../../app/draw/types.js'
import {
  API,
  CITY,
  EVALUATION_DATE,
  addExpert,
  drawBody,
  ensureEnabled,
  freshLeaf,
  tradeWithParties,
} from './draw_fixtures.js'

/** Seats an expert already held for a tenderer: one earlier draw per seat */
async function priorSeats(
  expertId: number,
  tendererUscc: string,
  evaluationDate: string,
  seats: number,
  status: 'confirmed' | 'declined' = 'confirmed'
) {
  const { tradeId } = await tradeWithParties(CITY, 0)
  const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
  await inTenant(CITY, async () => {
    const scope = currentScopeOrFail()
    const tenant = { root_tenant_id: scope.rootTenantId, tenant_id: scope.tenantId }
    for (let i = 0; i < seats; i++) {
      const [draw] = await db
        .table('expert_draws')
        .insert({
          ...tenant,
          trade_id: tradeId,
          tenderer_uscc: tendererUscc,
          evaluation_date: evaluationDate,
          status: 'decided',
          request: JSON.stringify({ lines: [{ code: 'A010101', count: 1 }] }),
          snapshot: '{"experts":[]}',
          snapshot_hash: '0'.repeat(64),
          commitment: '0'.repeat(64),
          seed: Buffer.alloc(32),
          result: JSON.stringify({
            lines: [{ code: 'A010101', drawn: [], reserves: [] }],
            exclusions: [],
            shortfalls: [],
            endBlock: 0,
            topUps: [],
          }),
          decided_at: new Date(),
          created_by: drawer.id,
        })
        .returning('id')
      await db.table('expert_draw_seats').insert({
        ...tenant,
        draw_id: draw.id,
        expert_id: expertId,
        line: 0,
        via_code: 'A010101',
        kind: 'drawn',
        status,
        answered_at: new Date(),
      })
    }
  })
}

test.group('expert-pool: avoidance from the database', (group) => {
  group.setup(() => ensureEnabled())

  test('every rule excludes its case and lets its near miss through', async ({
    client,
    assert,
  }) => {
    const leaf = await freshLeaf()
    const parties = await tradeWithParties(CITY, 2)
    const { tendererUscc, bidderUsccs, withdrawnUscc } = parties
    const department = randomUscc()
    const base = { specialty: leaf }

    const excluded: Record<string, number> = {
      employer_is_tenderer: await addExpert({ ...base, employerUscc: tendererUscc }),
      employer_is_bidder: await addExpert({ ...base, employerUscc: bidderUsccs[0] }),
      relative_at_party: await addExpert({ ...base, relatives: [bidderUsccs[1]] }),
      shareholding_in_party: await addExpert({ ...base, shareholdings: [tendererUscc] }),
      supervising_staff: await addExpert({ ...base, employerUscc: department }),
      tenderer_quota: await addExpert(base),
      suspended: await addExpert({ ...base, status: 'suspended', until: '2031-12-31' }),
      blacklisted: await addExpert({ ...base, status: 'blacklisted', until: null }),
      retired: await addExpert({ ...base, status: 'retired' }),
      busy: await addExpert({ ...base, busyDates: [EVALUATION_DATE] }),
      region: await addExpert({ ...base, regions: ['500102'] }),
    }
    const kept: Record<string, number> = {
      bid_withdrawn: await addExpert({ ...base, employerUscc: withdrawnUscc }),
      relative_elsewhere: await addExpert({ ...base, relatives: [randomUscc()] }),
      shareholding_elsewhere: await addExpert({ ...base, shareholdings: [randomUscc()] }),
      under_quota: await addExpert(base),
      quota_long_ago: await addExpert(base),
      quota_declined: await addExpert(base),
      quota_other_tenderer: await addExpert(base),
      suspension_over: await addExpert({ ...base, status: 'suspended', until: EVALUATION_DATE }),
      blacklist_over: await addExpert({ ...base, status: 'blacklisted', until: EVALUATION_DATE }),
      busy_another_day: await addExpert({ ...base, busyDates: ['2031-06-03'] }),
      region_among_several: await addExpert({ ...base, regions: ['500102', '500101'] }),
    }
    await priorSeats(excluded.tenderer_quota, tendererUscc, '2031-01-15', 2)
    await priorSeats(kept.under_quota, tendererUscc, '2031-01-15', 1)
    await priorSeats(kept.quota_long_ago, tendererUscc, '2030-05-01', 2)
    await priorSeats(kept.quota_declined, tendererUscc, '2031-01-15', 2, 'declined')
    await priorSeats(kept.quota_other_tenderer, randomUscc(), '2031-01-15', 2)

    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const body = drawBody(parties.tradeId, leaf, {
      lines: [{ code: leaf, count: Object.keys(kept).length }],
      reservePerLine: 0,
      regionCodes: ['500101'],
      supervisingUsccs: [department],
      maxDrawsPerTenderer: 2,
    })
    const committed = await client
      .post(`${API}/draws`)
      .json(body)
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    committed.assertStatus(201)
    const id = committed.body().data.id
    const drawn = await client
      .post(`${API}/draws/${id}/draw`)
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    drawn.assertStatus(200)

    const row = await inTenant(CITY, () => db.from('expert_draws').where('id', id).first())
    const result = row.result as DrawResult
    assert.deepEqual(
      result.lines[0].drawn.map((pick) => Number(pick.expertId)).sort((a, b) => a - b),
      Object.values(kept).sort((a, b) => a - b)
    )
    assert.deepEqual(result.shortfalls, [])
    const reasons = new Map(result.exclusions.map((e) => [Number(e.expertId), e.reasons]))
    for (const [reason, expertId] of Object.entries(excluded)) {
      assert.deepEqual(reasons.get(expertId), [reason], `expert excluded for ${reason}`)
    }
    assert.equal(reasons.size, Object.keys(excluded).length)
  })
})
