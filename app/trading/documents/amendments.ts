import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { clock } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { type LegalPeriod, earliestEnd } from '#trading/periods/legal_period'
import { chinaDateOf, daysBetween } from '#trading/periods/local_date'
import { loadWorkingCalendar } from '#trading/periods/calendar_store'
import { findTrade } from '#trading/trades'

/**
 * A clarification or amendment that may affect the preparation of bids must
 * reach bidders at least 15 days before the bid deadline; issued later, the
 * deadline is postponed so that 15 days remain (条例 Art. 21, 法 Art. 23).
 */
export const AMENDMENT_TO_DEADLINE: LegalPeriod = {
  code: 'construction.amendment_to_deadline',
  days: 15,
  unit: 'calendar',
  basis: {
    'zh-CN': '《招标投标法实施条例》第二十一条',
    'en': 'Regulations on the Implementation of the Bidding Law Art. 21',
  },
}

const DAY_MS = 86_400_000

export interface IncomingAmendment {
  kind: 'clarification' | 'amendment'
  summary: string
  affectsBids: boolean
}

export function chinaTime(instant: Date) {
  return DateTime.fromJSDate(instant).setZone('Asia/Shanghai').toFormat('yyyy-MM-dd HH:mm')
}

/**
 * The deadline the rule requires: the same time of day on the first date the
 * period allows (China has no daylight saving, so whole days are exact).
 */
async function requiredDeadline(issuedAt: Date, deadline: Date) {
  const earliest = earliestEnd(
    AMENDMENT_TO_DEADLINE,
    chinaDateOf(issuedAt),
    await loadWorkingCalendar()
  )
  const shortBy = daysBetween(chinaDateOf(deadline), earliest)
  return shortBy > 0 ? new Date(deadline.getTime() + shortBy * DAY_MS) : deadline
}

export class IssueAmendment {
  constructor(private readonly actor: AuditActor & { accountId: number }) {}

  async handle(tradeId: number, amendment: IncomingAmendment) {
    // Locked like a bid's lock, so no bid slips in under the old deadline
    const trade = await findTrade(tradeId, 'update')
    const issuedAt = await clock.now()
    const stored = trade.milestones?.bid_deadline
    const before = stored ? new Date(stored) : null
    if (before && issuedAt >= before) {
      throw new RuleViolation(
        'trade',
        'documents.errors.deadline_passed',
        { deadline: chinaTime(before) },
        409
      )
    }
    const after =
      before && amendment.affectsBids ? await requiredDeadline(issuedAt, before) : before
    const moved = !!before && !!after && after.getTime() !== before.getTime()

    const { rows } = await db.rawQuery(
      `insert into trade_amendments (root_tenant_id, tenant_id, trade_id, kind, summary,
         affects_bids, issued_by, issued_at, deadline_before, deadline_after)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [
        trade.rootTenantId,
        trade.tenantId,
        trade.id,
        amendment.kind,
        amendment.summary,
        amendment.affectsBids,
        this.actor.accountId,
        issuedAt,
        before,
        after,
      ]
    )
    const id = Number(rows[0].id)
    await recordAudit(this.actor, {
      action: 'amendment.issue',
      subjectType: 'trade_amendment',
      subjectId: id,
      payload: { trade: trade.id, kind: amendment.kind, affectsBids: amendment.affectsBids },
    })
    if (moved) {
      trade.milestones = { ...trade.milestones, bid_deadline: after!.toISOString() }
      await trade.save()
      await recordAudit(this.actor, {
        action: 'trade.bid_deadline_postponed',
        subjectType: 'trade',
        subjectId: trade.id,
        payload: {
          amendment: id,
          from: before!.toISOString(),
          to: after!.toISOString(),
          rule: AMENDMENT_TO_DEADLINE.code,
        },
      })
    }
    return { id, issuedAt, deadlineBefore: before, deadlineAfter: after, moved }
  }
}

export async function amendmentsOf(tradeId: number) {
  const rows = await db
    .from('trade_amendments')
    .where('trade_id', tradeId)
    .orderBy('issued_at', 'asc')
    .orderBy('id', 'asc')
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind as string,
    summary: row.summary as string,
    affectsBids: row.affects_bids as boolean,
    issuedAt: new Date(row.issued_at).toISOString(),
    deadlineBefore: row.deadline_before ? new Date(row.deadline_before).toISOString() : null,
    deadlineAfter: row.deadline_after ? new Date(row.deadline_after).toISOString() : null,
  }))
}
