import db from '@adonisjs/lucid/services/db'
import { defineAlertRule } from '#supervision/rules/define_rule'

/**
 * Rules on the audit log itself (domain.md §7.2 W13, W18) and on the
 * supervision's own clocks (W19).
 *
 * W13 reads the core audit event an expert draw leaves, not the expert
 * pool's tables: the core never reads a plugin's tables. The contract for
 * any draw service: the event it records once a draw is decided (its names
 * unsealed), action `expert_draw.decided`, payload `{ trade?: number,
 * category?: string, tenderer: string (the tenderer's 统一社会信用代码),
 * experts: number[] (expert ids) }`.
 */
export const EXPERT_DRAW_ACTION = 'expert_draw.decided'
export const COMPLAINT_OVERDUE_ACTION = 'complaint.overdue'

export const expertRepetition = defineAlertRule({
  code: 'W13',
  severity: 'medium',
  title: {
    'zh-CN': '同一专家反复被抽取参加同一招标人的评标',
    'en': 'The same experts drawn again and again for one tenderer',
  },
  basis: {
    'zh-CN': '《招标投标法实施条例》第四十六条、第四十九条',
    'en': 'Regulations on the Implementation of the Bidding Law Arts. 46, 49',
  },
  triggers: [EXPERT_DRAW_ACTION],
  thresholds: {
    max_draws: {
      default: 3,
      min: 2,
      max: 50,
      label: {
        'zh-CN': '窗口内同一专家被抽中次数上限',
        'en': 'Draws of one expert within the window',
      },
    },
    window_months: {
      default: 12,
      min: 1,
      max: 60,
      label: { 'zh-CN': '统计窗口（月）', 'en': 'Window (months)' },
    },
  },
  async check({ event, tradeId, thresholds, now }) {
    const tenderer = String(event.payload?.tenderer ?? '')
    if (!tenderer) return []
    const { rows } = await db.rawQuery(
      `select expert.value::bigint as expert, count(*)::int as draws,
         json_agg(json_build_object('seq', e.seq, 'trade', e.payload->'trade', 'at', e.occurred_at)
           order by e.seq) as occasions
       from audit_events e cross join jsonb_array_elements_text(case jsonb_typeof(e.payload->'experts')
         when 'array' then e.payload->'experts' else '[]'::jsonb end) expert
       where e.action = ? and e.payload->>'tenderer' = ?
         and e.occurred_at >= ?::timestamptz - make_interval(months => ?)
       group by expert.value having count(*) >= ?`,
      [EXPERT_DRAW_ACTION, tenderer, now, thresholds.window_months, thresholds.max_draws]
    )
    return rows.map((row: any) => ({
      tradeId,
      category: String(event.payload?.category ?? 'construction'),
      dedupeKey: `tenderer-${tenderer}-expert-${row.expert}-draw-${event.seq}`,
      evidence: {
        tenderer,
        expertId: Number(row.expert),
        draws: row.draws,
        occasions: row.occasions,
        windowMonths: thresholds.window_months,
      },
    }))
  },
})

export const sealedDataAccess = defineAlertRule({
  code: 'W18',
  severity: 'critical',
  title: {
    'zh-CN': '试图在开标前读取密封数据',
    'en': 'Attempt to read sealed data before opening',
  },
  basis: {
    'zh-CN': '《电子招标投标办法》第二十七条',
    'en': 'Measures for Electronic Bidding Art. 27',
  },
  triggers: ['bid.decrypt_refused', 'bid.sealed_read_refused', 'expert_draw.sealed_read_refused'],
  thresholds: {},
  async check({ event, tradeId }) {
    return [
      {
        tradeId,
        category: tradeId ? undefined : String(event.payload?.category ?? 'construction'),
        dedupeKey: `audit-${event.seq}`,
        evidence: {
          action: event.action,
          actor: {
            accountId: event.actor.accountId,
            label: event.actor.label,
            ip: event.actor.ip ?? null,
          },
          subject: { type: event.subjectType, id: event.subjectId ?? null },
          payload: event.payload ?? {},
        },
      },
    ]
  },
})

export const complaintOverdue = defineAlertRule({
  code: 'W19',
  severity: 'high',
  title: {
    'zh-CN': '异议、质疑或投诉逾期未处理',
    'en': 'Objection, challenge or complaint not handled in time',
  },
  basis: {
    'zh-CN': '《招标投标法实施条例》第二十二条、第六十一条；《政府采购法》第五十三条、第五十六条',
    'en': 'Bidding Law Regulations Arts. 22, 61; Government Procurement Law Arts. 53, 56',
  },
  triggers: [COMPLAINT_OVERDUE_ACTION],
  thresholds: {},
  async check({ event, tradeId }) {
    const payload = event.payload ?? {}
    return [
      {
        tradeId,
        category: String(payload.category),
        dedupeKey: `complaint-${event.subjectId}-${payload.step}`,
        evidence: payload,
      },
    ]
  },
})
