import db from '@adonisjs/lucid/services/db'
import { scheduleTimer } from '#jobs/timers'
import { defineAlertRule, type RuleFinding } from '#supervision/rules/define_rule'
import { readPrices } from '#supervision/rules/bid_evidence'

/**
 * Rules on the result (domain.md §7.2 W12, W14, W15; peers.md §2.4 R024,
 * R025, R035, R036), read from the trade's own history: the candidates it
 * published, the winner it awarded, the contract it signed.
 */
interface Candidate {
  rank: number
  name: string
  code: string
  price: number
}

const DAY_MS = 86_400_000
export const CONTRACT_DUE_TIMER = 'supervision.contract_due'
const STATE_FUNDED = ['city_finance', 'district_finance', 'state_capital']

async function lastTransition(tradeId: number, event: string) {
  return db
    .from('trade_transitions')
    .where({ trade_id: tradeId, event })
    .orderBy('id', 'desc')
    .select('payload', 'occurred_at')
    .first()
}

async function publishedCandidates(tradeId: number): Promise<Candidate[]> {
  const row = await lastTransition(tradeId, 'publish_candidates')
  return (row?.payload?.candidates ?? []) as Candidate[]
}

async function projectOf(tradeId: number) {
  return db
    .from('trades as t')
    .join('projects as p', 'p.id', 't.project_id')
    .where('t.id', tradeId)
    .select('p.id', 'p.entity_id', 'p.fund_source', 'p.name')
    .first()
}

const winnerCodeOf = (payload: Record<string, any> | undefined) =>
  String(payload?.input?.winnerCode ?? '')

export const winnerConcentration = defineAlertRule({
  code: 'W12',
  cardinalCode: 'R025',
  severity: 'medium',
  title: {
    'zh-CN': '同一投标人频繁中标同一招标人项目',
    'en': "One bidder wins too many of one tenderer's trades",
  },
  basis: {
    'zh-CN': '《招标投标法实施条例》第三十九条（串通投标）；OCDS Cardinal R025',
    'en': 'Regulations on the Implementation of the Bidding Law Art. 39; OCDS Cardinal R025',
  },
  triggers: ['trade.transition'],
  transitions: ['award'],
  thresholds: {
    max_wins: {
      default: 3,
      min: 2,
      max: 50,
      label: { 'zh-CN': '窗口内中标次数上限', 'en': 'Wins within the window, at most' },
    },
    window_months: {
      default: 12,
      min: 1,
      max: 60,
      label: { 'zh-CN': '统计窗口（月）', 'en': 'Window (months)' },
    },
  },
  async check({ event, tradeId, thresholds }) {
    if (!tradeId) return []
    const winnerCode = winnerCodeOf(event.payload)
    const project = await projectOf(tradeId)
    const awarded = await lastTransition(tradeId, 'award')
    if (!winnerCode || !project || !awarded) return []
    // Counted up to this award, so a late evaluation judges it as it stood then
    const { rows } = await db.rawQuery(
      `select t.id, t.title, tt.occurred_at from trade_transitions tt
         join trades t on t.id = tt.trade_id
         join projects p on p.id = t.project_id
       where tt.event = 'award' and tt.payload->>'winnerCode' = ? and p.entity_id = ?
         and tt.occurred_at <= ?
         and tt.occurred_at >= ?::timestamptz - make_interval(months => ?)
       order by tt.occurred_at`,
      [
        winnerCode,
        project.entity_id,
        awarded.occurred_at,
        awarded.occurred_at,
        thresholds.window_months,
      ]
    )
    if (rows.length < thresholds.max_wins) return []
    return [
      {
        tradeId,
        dedupeKey: `tenderer-${project.entity_id}-winner-${winnerCode}-trade-${tradeId}`,
        evidence: {
          tendererEntityId: Number(project.entity_id),
          winnerCode,
          wins: rows.map((row: any) => ({
            tradeId: Number(row.id),
            title: row.title,
            awardedAt: new Date(row.occurred_at).toISOString(),
          })),
          windowMonths: thresholds.window_months,
        },
      },
    ]
  },
})

export const resultDeviations = defineAlertRule({
  code: 'W14',
  severity: 'high',
  title: {
    'zh-CN': '中标人非排名第一或合同逾期签订',
    'en': 'Winner not ranked first, or contract late',
  },
  basis: {
    'zh-CN': '《招标投标法实施条例》第五十五条、第五十七条',
    'en': 'Regulations on the Implementation of the Bidding Law Arts. 55, 57',
  },
  triggers: ['trade.transition', 'trade.contract_overdue'],
  transitions: ['award', 'sign_contract'],
  thresholds: {
    contract_days: {
      default: 30,
      min: 1,
      max: 90,
      label: { 'zh-CN': '合同签订期限（日）', 'en': 'Days to sign the contract' },
    },
  },
  async check({ event, tradeId, thresholds }) {
    if (!tradeId) return []
    const findings: RuleFinding[] = []
    const transition = String(event.payload?.event ?? '')
    if (event.action === 'trade.transition' && transition === 'award') {
      const winnerCode = winnerCodeOf(event.payload)
      const candidates = await publishedCandidates(tradeId)
      const winner = candidates.find((c) => c.code === winnerCode)
      const project = await projectOf(tradeId)
      const stateFunded = project ? STATE_FUNDED.includes(project.fund_source) : null
      if (winner && winner.rank !== 1) {
        findings.push({
          tradeId,
          dedupeKey: `trade-${tradeId}-winner-rank`,
          // Art. 55 binds state-funded projects; elsewhere it is a matter to look at
          severity: stateFunded === false ? 'medium' : 'high',
          evidence: {
            kind: 'winner_not_first',
            winner,
            candidates,
            fundSource: project?.fund_source ?? null,
          },
        })
      }
      const awarded = await lastTransition(tradeId, 'award')
      const due = new Date(
        new Date(awarded!.occurred_at).getTime() + thresholds.contract_days * DAY_MS
      )
      // Looks again on the due date: a contract never signed raises no other event
      await scheduleTimer({
        name: CONTRACT_DUE_TIMER,
        key: `contract-due-${tradeId}`,
        runAt: due,
        payload: { tradeId },
      })
    }
    const signed = event.action === 'trade.transition' && transition === 'sign_contract'
    if (signed || event.action === 'trade.contract_overdue') {
      const awarded = await lastTransition(tradeId, 'award')
      const contract = signed ? await lastTransition(tradeId, 'sign_contract') : null
      if (awarded) {
        const awardedAt = new Date(awarded.occurred_at)
        const until = contract
          ? new Date(contract.occurred_at)
          : new Date(String(event.payload?.checkedAt))
        const days = (until.getTime() - awardedAt.getTime()) / DAY_MS
        if (days > thresholds.contract_days) {
          findings.push({
            tradeId,
            dedupeKey: `trade-${tradeId}-contract-late`,
            evidence: {
              kind: contract ? 'contract_late' : 'contract_not_signed',
              awardedAt: awardedAt.toISOString(),
              signedAt: contract ? until.toISOString() : null,
              days: Math.floor(days),
              allowedDays: thresholds.contract_days,
            },
          })
        }
      }
    }
    return findings
  },
})

export const evaluationRedFlags = defineAlertRule({
  code: 'W15',
  cardinalCode: 'R024',
  severity: 'medium',
  title: {
    'zh-CN': '评标结果异常（报价极接近、最低价被否决、仅中标人有效）',
    'en': 'Suspicious evaluation result (close prices, lowest bid disqualified, only the winner valid)',
  },
  basis: { 'zh-CN': 'OCDS Cardinal R024、R035、R036', 'en': 'OCDS Cardinal R024, R035, R036' },
  triggers: ['trade.transition'],
  transitions: ['award'],
  thresholds: {
    gap_pct: {
      default: 0.5,
      min: 0,
      max: 10,
      label: { 'zh-CN': '第一、二名报价差距（%）', 'en': 'Gap between first and second price (%)' },
    },
    min_disqualified: {
      default: 1,
      min: 1,
      max: 20,
      label: { 'zh-CN': '被否决的其他投标人数', 'en': 'Other bidders disqualified' },
    },
  },
  async check({ event, tradeId, thresholds }) {
    if (!tradeId) return []
    const winnerCode = winnerCodeOf(event.payload)
    const candidates = await publishedCandidates(tradeId)
    const winner = candidates.find((c) => c.code === winnerCode)
    if (!winner) return []
    const prices = await readPrices(tradeId)
    const findings: RuleFinding[] = []

    const others = candidates.filter((c) => c.code !== winnerCode).map((c) => c.price)
    const runnerUp = others.length ? Math.min(...others) : null
    if (runnerUp !== null && runnerUp >= winner.price) {
      const gapPct = ((runnerUp - winner.price) / winner.price) * 100
      if (gapPct <= thresholds.gap_pct) {
        findings.push({
          tradeId,
          dedupeKey: `trade-${tradeId}-R024`,
          cardinalCode: 'R024',
          evidence: { winner, runnerUpPrice: runnerUp, gapPct: Number(gapPct.toFixed(4)) },
        })
      }
    }
    const qualified = new Set(candidates.map((c) => c.code))
    const disqualified = prices.filter((p) => !qualified.has(p.code))
    if (candidates.length === 1 && disqualified.length >= thresholds.min_disqualified) {
      findings.push({
        tradeId,
        dedupeKey: `trade-${tradeId}-R035`,
        cardinalCode: 'R035',
        severity: 'high',
        evidence: { winner, disqualified },
      })
    }
    const lowest = prices[0]
    if (lowest && !qualified.has(lowest.code)) {
      findings.push({
        tradeId,
        dedupeKey: `trade-${tradeId}-R036`,
        cardinalCode: 'R036',
        evidence: { lowest, winner },
      })
    }
    return findings
  },
})
