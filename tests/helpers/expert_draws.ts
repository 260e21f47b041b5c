import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { startTrade } from '#trading/engine/procedure_engine'
import { registerProcedure } from '#trading/engine/define_procedure'
import { testTender } from '#tests/fixtures/test_procedure'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { randomUscc } from '#tests/helpers/identity'

/**
 * A trade as an expert draw needs it, written by SQL (core tests may not
 * import a plugin): a project naming the tenderer, live bids and one
 * withdrawn bid, for the expert-pool plugin's tests and its browser tests.
 */

async function entity(uscc = randomUscc()) {
  const account = await createAccount([], '经办人')
  const [row] = await db
    .connection('owner')
    .table('market_entities')
    .insert({
      code_type: 'uscc',
      code: uscc,
      name: `测试单位${randomUUID().slice(0, 4)}`,
      entity_type: 'legal_person',
      registered_by: account.id,
    })
    .returning('id')
  return { id: Number(row.id), uscc, accountId: account.id }
}

export interface TradeParties {
  tradeId: number
  tendererUscc: string
  /** The account acting for the tenderer entity */
  tendererAccountId: number
  bidderUsccs: string[]
  withdrawnUscc: string
}

/** A trade with a project (the tenderer), live bids and one withdrawn bid */
export async function tradeWithParties(code: string, bidders = 2): Promise<TradeParties> {
  registerProcedure(testTender)
  const tenderer = await entity()
  const live = await Promise.all(Array.from({ length: bidders }, () => entity()))
  const withdrawn = await entity()
  return inTenant(code, async () => {
    const { rootTenantId, tenantId } = currentScopeOrFail()
    const scope = { root: rootTenantId, tenant: tenantId }
    const [project] = await db
      .table('projects')
      .insert({
        root_tenant_id: scope.root,
        tenant_id: scope.tenant,
        code: `P${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        serial: 1,
        entity_id: tenderer.id,
        name: '专家抽取测试工程',
        category: 'construction',
        approval_level: 'district',
        approving_authority: '区发展和改革委员会',
        fund_source: 'other',
        legally_bound: true,
        amount: '1000000.00',
        region_code: '500101',
        contact_name: '张三',
        contact_phone: '13800000000',
        created_by: tenderer.accountId,
      })
      .returning('id')
    const trade = await startTrade(
      'test-tender',
      `抽取测试${randomUUID().slice(0, 6)}`,
      { accountId: null, label: 'tenderer', role: 'tenderer' },
      { projectId: Number(project.id) }
    )
    for (const [index, bidder] of [...live, withdrawn].entries()) {
      await db.table('bids').insert({
        root_tenant_id: scope.root,
        tenant_id: scope.tenant,
        trade_id: trade.id,
        entity_id: bidder.id,
        submitted_by: bidder.accountId,
        key_wrapping: 'key_file',
        wrapped_key: Buffer.from('test'),
        envelopes: '[]',
        submitted_at: new Date(),
        status: index === live.length ? 'withdrawn' : 'sealed',
        withdrawn_at: index === live.length ? new Date() : null,
      })
    }
    return {
      tradeId: trade.id,
      tendererUscc: tenderer.uscc,
      tendererAccountId: tenderer.accountId,
      bidderUsccs: live.map((bidder) => bidder.uscc),
      withdrawnUscc: withdrawn.uscc,
    }
  })
}
