import db from '@adonisjs/lucid/services/db'
import { defineAlertRule, type RuleFinding } from '#supervision/rules/define_rule'

/**
 * Rules on the timetable (domain.md §7.2 W10, W11): the engine refuses a
 * transition that breaks a legal minimum period, and W10 records who tried;
 * W11 watches changes to the tender documents close to the deadline.
 */
const DAY_MS = 86_400_000

export const PERIOD_REFUSED_ACTION = 'trade.period_refused'

export const shortPeriod = defineAlertRule({
  code: 'W10',
  cardinalCode: 'R003',
  severity: 'high',
  title: {
    'zh-CN': '试图以短于法定最短期限推进交易',
    'en': 'Attempt to run a period shorter than the legal minimum',
  },
  basis: {
    'zh-CN': '《招标投标法》第二十四条；《政府采购法实施条例》等规定的最短期限',
    'en': 'Bidding Law Art. 24 and the other legal minimum periods',
  },
  triggers: [PERIOD_REFUSED_ACTION],
  thresholds: {},
  async check({ event, tradeId }) {
    if (!tradeId) return []
    const payload = event.payload ?? {}
    return [
      {
        tradeId,
        dedupeKey: `trade-${tradeId}-${payload.event}-${payload.rule}`,
        evidence: { ...payload, actor: event.actor.label },
      },
    ]
  },
})

export const lateChanges = defineAlertRule({
  code: 'W11',
  severity: 'high',
  title: { 'zh-CN': '临近截止时间修改招标文件', 'en': 'Late changes to the tender documents' },
  basis: {
    'zh-CN': '《招标投标法实施条例》第二十一条',
    'en': 'Regulations on the Implementation of the Bidding Law Art. 21',
  },
  triggers: ['amendment.issue'],
  thresholds: {
    min_days: {
      default: 15,
      min: 1,
      max: 30,
      label: { 'zh-CN': '距截止时间的最少天数', 'en': 'Days before the deadline, at least' },
    },
    max_changes: {
      default: 3,
      min: 2,
      max: 20,
      label: { 'zh-CN': '同一交易的修改次数上限', 'en': 'Changes to one trade, at most' },
    },
  },
  async check({ event, tradeId, thresholds }) {
    if (!tradeId) return []
    const amendments = await db
      .from('trade_amendments')
      .where('trade_id', tradeId)
      .orderBy('id')
      .select(
        'id',
        'kind',
        'summary',
        'affects_bids',
        'issued_at',
        'deadline_before',
        'deadline_after'
      )
    const findings: RuleFinding[] = []
    const current = amendments.find((row) => String(row.id) === String(event.subjectId))
    if (current?.deadline_before) {
      const daysLeft =
        (new Date(current.deadline_before).getTime() - new Date(current.issued_at).getTime()) /
        DAY_MS
      const postponed =
        new Date(current.deadline_after).getTime() !== new Date(current.deadline_before).getTime()
      if (daysLeft < thresholds.min_days && !postponed) {
        findings.push({
          tradeId,
          dedupeKey: `trade-${tradeId}-late-${current.id}`,
          evidence: {
            kind: 'late_without_postponing',
            amendment: Number(current.id),
            summary: current.summary,
            declaredAffectsBids: current.affects_bids,
            issuedAt: new Date(current.issued_at).toISOString(),
            deadline: new Date(current.deadline_before).toISOString(),
            daysLeft: Number(daysLeft.toFixed(2)),
          },
        })
      }
    }
    if (amendments.length >= thresholds.max_changes) {
      findings.push({
        tradeId,
        dedupeKey: `trade-${tradeId}-repeated`,
        severity: 'medium',
        evidence: {
          kind: 'repeated_changes',
          count: amendments.length,
          amendments: amendments.map((row) => ({
            id: Number(row.id),
            kind: row.kind,
            issuedAt: new Date(row.issued_at).toISOString(),
          })),
        },
      })
    }
    return findings
  },
})
