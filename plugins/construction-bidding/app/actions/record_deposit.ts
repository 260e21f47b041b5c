import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { clock } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { findTrade } from '#trading/trades'
import { tenderOf } from '../support/tenders.js'

/**
 * The centre records a bidder's deposit (投标保证金) as received: the amount
 * the tender set (at most 2 % of the estimate, checked at registration),
 * before the deadline, and whether it came from the basic account (条例 Art. 26).
 */
export class RecordDeposit {
  constructor(private readonly actor: AuditActor & { accountId: number }) {}

  async handle(tradeId: number, entityId: number, fromBasicAccount: boolean) {
    const trade = await findTrade(tradeId, 'update')
    if (!['documents_issued', 'documents_objection'].includes(trade.state)) {
      throw new RuleViolation('trade', 'trading.errors.wrong_state', { state: trade.state }, 409)
    }
    const tender = await tenderOf(tradeId)
    const now = await clock.now()
    await db
      .table('cb_deposits')
      .insert({
        root_tenant_id: trade.rootTenantId,
        tenant_id: trade.tenantId,
        trade_id: trade.id,
        entity_id: entityId,
        amount: tender.deposit,
        from_basic_account: fromBasicAccount,
        recorded_by: this.actor.accountId,
        recorded_at: now,
      })
      .onConflict(['root_tenant_id', 'trade_id', 'entity_id'])
      .ignore()
    await recordAudit(this.actor, {
      action: 'construction_bidding.deposit.record',
      subjectType: 'trade',
      subjectId: trade.id,
      payload: { entity: entityId, amount: tender.deposit, fromBasicAccount },
    })
  }
}
