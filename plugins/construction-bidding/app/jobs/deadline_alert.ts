import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { findTrade } from '#trading/trades'
import type { TimedStep } from './step_overdue.js'

/**
 * A legal time limit has passed: if the step it waited for has not
 * happened, the supervisor's list shows an alert (contract not signed
 * within 30 days of the award, 法 Art. 46; candidates not published
 * within 3 days of the signed report, 条例 Art. 54; objection not answered
 * within 3 days, 条例 Art. 22).
 */
export async function raiseAlert(tradeId: number, kind: TimedStep | 'objection_unanswered') {
  const trade = await findTrade(tradeId)
  await db
    .table('cb_alerts')
    .insert({
      root_tenant_id: trade.rootTenantId,
      tenant_id: trade.tenantId,
      trade_id: trade.id,
      kind,
      due_at: await clock.now(),
      raised_at: await clock.now(),
    })
    .onConflict(['root_tenant_id', 'trade_id', 'kind', 'due_at'])
    .ignore()
}
