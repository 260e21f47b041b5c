import db from '@adonisjs/lucid/services/db'
import type { LegalPeriod } from '#trading/periods/legal_period'
import type { RuleRefusal, TradeRole, TransitionDefinition } from '#trading/engine/define_procedure'

/**
 * The end of every procedure (ARCHITECTURE.md §6, domain.md §1.6): candidate
 * publicity, award, the result notice, the contract and its performance, as
 * transitions a category's procedure spreads into its own. Each publishes
 * what the law makes public (成交信息, 履约信息) in its transaction.
 */
export interface Candidate {
  rank: number
  name: string
  code: string
  price: number
}

export interface ResultStates {
  /** Where evaluation leaves the trade */
  evaluated: string
  publicity: string
  awarded: string
  contracted: string
  completed: string
}

export interface ResultOptions {
  states: ResultStates
  /** e.g. construction: 3 calendar days (条例 Art. 54); procurement: 1 working day */
  publicity: LegalPeriod
  /** Days after the award within which the contract is due (Bidding Law Art. 46: 30) */
  contractDueDays?: number
  tenderer?: TradeRole[]
}

const refusal = (messageKey: string, values: Record<string, unknown> = {}): RuleRefusal => ({
  messageKey,
  values,
})

function isCandidate(value: unknown): value is Candidate {
  const c = value as Candidate
  return (
    !!c &&
    Number.isInteger(c.rank) &&
    c.rank > 0 &&
    typeof c.name === 'string' &&
    c.name.trim().length > 0 &&
    typeof c.code === 'string' &&
    /^[0-9A-Z]{18}$/.test(c.code) &&
    typeof c.price === 'number' &&
    c.price > 0
  )
}

/** The candidates as published: read back from the trade's own history */
export async function publishedCandidates(tradeId: number): Promise<Candidate[]> {
  const row = await db
    .from('trade_transitions')
    .where({ trade_id: tradeId, event: 'publish_candidates' })
    .orderBy('id', 'desc')
    .first()
  return (row?.payload?.candidates ?? []) as Candidate[]
}

const yuan = (amount: number) =>
  `${amount.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`

const chinaDate = (instant: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(instant)

export function resultTransitions(options: ResultOptions) {
  const { states } = options
  const tenderer = options.tenderer ?? ['tenderer']
  const contractDueDays = options.contractDueDays ?? 30

  const publishCandidates: TransitionDefinition<{ candidates: Candidate[] }> = {
    from: [states.evaluated],
    to: states.publicity,
    actors: [...tenderer, 'operator'],
    guards: [
      ({ input }) => {
        const list = input.candidates
        if (!Array.isArray(list) || list.length === 0 || list.length > 3) {
          return refusal('trading.results.errors.candidates')
        }
        if (!list.every(isCandidate)) return refusal('trading.results.errors.candidate_shape')
        const ranks = list.map((c) => c.rank).sort((a, b) => a - b)
        if (ranks.some((rank, i) => rank !== i + 1)) {
          return refusal('trading.results.errors.candidate_ranks')
        }
        return null
      },
    ],
    milestones: ({ now }) => ({ candidates_published: now }),
    publishes: ({ trade, input }) => ({
      kind: 'deal',
      title: `${trade.title} 中标候选人公示`,
      body: [...input.candidates]
        .sort((a, b) => a.rank - b.rank)
        .map((c) => `第${c.rank}名：${c.name}（${c.code}），投标报价 ${yuan(c.price)}`)
        .concat(
          `公示期不少于 ${options.publicity.days} ${options.publicity.unit === 'working' ? '个工作日' : '日'}（${options.publicity.basis['zh-CN']}），公示期内可依法提出异议。`
        )
        .join('\n'),
    }),
  }

  const award: TransitionDefinition<{ winnerCode: string }> = {
    from: [states.publicity],
    to: states.awarded,
    actors: tenderer,
    guards: [
      async ({ trade, input }) => {
        const candidates = await publishedCandidates(trade.id)
        return candidates.some((c) => c.code === input.winnerCode)
          ? null
          : refusal('trading.results.errors.winner_not_candidate')
      },
    ],
    periods: [{ from: 'candidates_published', period: options.publicity }],
    milestones: ({ now }) => ({ awarded: now }),
    publishes: async ({ trade, input }) => {
      const candidates = await publishedCandidates(trade.id)
      const winner = candidates.find((c) => c.code === input.winnerCode)!
      return {
        kind: 'deal',
        title: `${trade.title} 中标结果公告`,
        body: `中标人：${winner.name}（${winner.code}），中标价 ${yuan(winner.price)}`,
      }
    },
  }

  const signContract: TransitionDefinition<{ amount: number; signedOn: string }> = {
    from: [states.awarded],
    to: states.contracted,
    actors: tenderer,
    guards: [
      ({ input }) =>
        typeof input.amount === 'number' && input.amount > 0
          ? null
          : refusal('trading.results.errors.amount'),
      ({ input, now }) =>
        typeof input.signedOn === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(input.signedOn) &&
        input.signedOn <= chinaDate(now)
          ? null
          : refusal('trading.results.errors.signed_on'),
    ],
    milestones: ({ now }) => ({ contract_signed: now }),
    publishes: ({ trade, input, now }) => {
      const awardedAt = new Date(trade.milestones.awarded)
      const due = new Date(awardedAt.getTime() + contractDueDays * 86_400_000)
      const late = now > due
      return {
        kind: 'performance',
        title: `${trade.title} 合同签订信息`,
        body: [
          `合同金额：${yuan(input.amount)}`,
          `签订日期：${input.signedOn}`,
          // Late is a fact to disclose and supervise, not a reason to refuse the contract
          late
            ? `注意：合同未在中标通知书发出之日起 ${contractDueDays} 日内（${chinaDate(due)} 前）签订`
            : `合同在中标通知书发出之日起 ${contractDueDays} 日内签订`,
        ].join('\n'),
      }
    },
  }

  const recordPerformance: TransitionDefinition<{ stage: string; description: string }> = {
    from: [states.contracted],
    to: states.contracted,
    actors: [...tenderer, 'operator'],
    guards: [
      ({ input }) =>
        typeof input.stage === 'string' &&
        input.stage.trim().length > 0 &&
        input.stage.length <= 50 &&
        typeof input.description === 'string' &&
        input.description.trim().length > 0 &&
        input.description.length <= 2000
          ? null
          : refusal('trading.results.errors.performance'),
    ],
    publishes: ({ trade, input }) => ({
      kind: 'performance',
      title: `${trade.title} 履约信息（${input.stage}）`,
      body: input.description,
    }),
  }

  const completePerformance: TransitionDefinition<{ summary: string }> = {
    from: [states.contracted],
    to: states.completed,
    actors: tenderer,
    milestones: ({ now }) => ({ performance_completed: now }),
    publishes: ({ trade, input }) => ({
      kind: 'performance',
      title: `${trade.title} 履约完成`,
      body: typeof input.summary === 'string' ? input.summary : '',
    }),
  }

  return {
    publish_candidates: publishCandidates,
    award,
    sign_contract: signContract,
    record_performance: recordPerformance,
    complete_performance: completePerformance,
  } satisfies Record<string, TransitionDefinition<any>>
}
