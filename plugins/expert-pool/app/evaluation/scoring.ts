import type {
  EvaluationMethod,
  RankedBid,
  ScoringWeights,
} from '#plugin_host/contracts/evaluation_committee'
import { REJECT_REASONS } from './reject_reasons.js'

/**
 * The committee's result from its members' verdicts (评标规定 Arts. 29–37,
 * 87号令 Arts. 53–55). Pure: amounts and scores are integers in hundredths
 * (bigint), so no sum drifts by a cent.
 *
 * - A bid is rejected when more than half of the live (non-void) members
 *   reject it; its reason is the one most of them gave (ties: article order).
 * - Lowest evaluated price: the committee's evaluated price of a bid is the
 *   mean of the live members' evaluated prices, rounded half up to the cent;
 *   ranked ascending, ties to the lower bid price, then the earlier bid.
 * - Comprehensive scoring: price score = benchmark ÷ bid price × price
 *   weight, the benchmark being the lowest price among the valid bids
 *   (基准价法, 87号令 Art. 55), rounded half up to two decimals. Each live
 *   member scores technical and commercial from 0 to their weights; a
 *   member's total is price score + technical + commercial, and the bid's
 *   score is the mean of the totals of the live members who scored it,
 *   rounded half up to two decimals. Ranked descending, ties to the lower
 *   price, then the earlier bid.
 * - Void members' verdicts count for nothing (条例 Art. 48).
 */
export interface ScoredBid {
  bidId: number
  entityId: number
  /** The read-out price, in fen */
  price: bigint
}

export interface MemberVerdict {
  bidId: number
  rejectReason: string | null
  /** Hundredths of a point */
  technical: bigint | null
  commercial: bigint | null
  /** Fen */
  evaluatedPrice: bigint | null
}

export interface MemberWork {
  memberId: number
  void: boolean
  verdicts: MemberVerdict[]
}

export interface ScoringInput {
  method: EvaluationMethod
  weights: ScoringWeights | null
  candidateCount: number
  bids: ScoredBid[]
  members: MemberWork[]
}

export interface ScoringResult {
  /** Every valid bid, best first */
  ranking: RankedBid[]
  rejected: Array<{ bidId: number; entityId: number; reasonCode: string }>
}

/** '1234.5' or 1234.5 → 123450n; null when it is not a plain non-negative amount */
export function toHundredths(value: unknown): bigint | null {
  const text = typeof value === 'number' ? value.toFixed(2) : String(value ?? '').trim()
  const match = /^(\d{1,16})(?:\.(\d{1,2}))?$/.exec(text)
  if (!match) return null
  return BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'))
}

export function formatHundredths(value: bigint) {
  const sign = value < 0n ? '-' : ''
  const abs = value < 0n ? -value : value
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

/** a ÷ b rounded half up, for non-negative a and positive b */
function divideHalfUp(a: bigint, b: bigint) {
  return (a * 2n + b) / (2n * b)
}

function meanHalfUp(values: bigint[]) {
  return divideHalfUp(
    values.reduce((sum, value) => sum + value, 0n),
    BigInt(values.length)
  )
}

function rejectionOf(verdicts: MemberVerdict[], liveMembers: number) {
  const reasons = verdicts.map((verdict) => verdict.rejectReason).filter((r) => r !== null)
  if (reasons.length * 2 <= liveMembers) return null
  let best: string | null = null
  let bestCount = 0
  for (const code of REJECT_REASONS) {
    const count = reasons.filter((reason) => reason === code).length
    if (count > bestCount) [best, bestCount] = [code, count]
  }
  return best ?? reasons[0]
}

export function scoreEvaluation(input: ScoringInput): ScoringResult {
  const live = input.members.filter((member) => !member.void)
  const verdictsOf = (bidId: number) =>
    live.flatMap((member) => member.verdicts.filter((verdict) => verdict.bidId === bidId))

  const rejected: ScoringResult['rejected'] = []
  const valid: ScoredBid[] = []
  for (const bid of input.bids) {
    const reasonCode = rejectionOf(verdictsOf(bid.bidId), live.length)
    if (reasonCode) rejected.push({ bidId: bid.bidId, entityId: bid.entityId, reasonCode })
    else valid.push(bid)
  }

  const byPriceThenId = (a: ScoredBid, b: ScoredBid) =>
    a.price === b.price ? a.bidId - b.bidId : a.price < b.price ? -1 : 1

  if (input.method === 'lowest_evaluated_price') {
    const evaluated = valid.map((bid) => {
      const prices = verdictsOf(bid.bidId)
        .map((verdict) => verdict.evaluatedPrice)
        .filter((price) => price !== null)
      return { bid, value: prices.length ? meanHalfUp(prices) : bid.price }
    })
    evaluated.sort((a, b) =>
      a.value === b.value ? byPriceThenId(a.bid, b.bid) : a.value < b.value ? -1 : 1
    )
    return {
      rejected,
      ranking: evaluated.map(({ bid, value }, i) => ({
        bidId: bid.bidId,
        entityId: bid.entityId,
        rank: i + 1,
        score: null,
        evaluatedPrice: formatHundredths(value),
      })),
    }
  }

  const weights = input.weights
  if (!weights) throw new Error('Comprehensive scoring needs weights')
  const benchmark = valid.reduce<bigint | null>(
    (low, bid) => (low === null || bid.price < low ? bid.price : low),
    null
  )
  const scored = valid.map((bid) => {
    const priceScore =
      bid.price === 0n ? 0n : divideHalfUp(benchmark! * BigInt(weights.price) * 100n, bid.price)
    const totals = verdictsOf(bid.bidId)
      .filter((verdict) => verdict.technical !== null && verdict.commercial !== null)
      .map((verdict) => priceScore + verdict.technical! + verdict.commercial!)
    return { bid, value: totals.length ? meanHalfUp(totals) : priceScore }
  })
  scored.sort((a, b) =>
    a.value === b.value ? byPriceThenId(a.bid, b.bid) : a.value > b.value ? -1 : 1
  )
  return {
    rejected,
    ranking: scored.map(({ bid, value }, i) => ({
      bidId: bid.bidId,
      entityId: bid.entityId,
      rank: i + 1,
      score: formatHundredths(value),
      evaluatedPrice: formatHundredths(bid.price),
    })),
  }
}

/**
 * The elected chair: the live member more than half of the live members
 * voted for (条例 Art. 49 leaves the election to the committee; a simple
 * majority of its members decides here). Votes of and for void members do
 * not count; `mayChair` excludes those the rule bars (87号令 Art. 45).
 */
export function electedChair(
  members: Array<{ id: number; void: boolean; vote: number | null; mayChair: boolean }>
): number | null {
  const live = members.filter((member) => !member.void)
  const eligible = new Set(live.filter((member) => member.mayChair).map((member) => member.id))
  const votes = new Map<number, number>()
  for (const member of live) {
    if (member.vote !== null && eligible.has(member.vote)) {
      votes.set(member.vote, (votes.get(member.vote) ?? 0) + 1)
    }
  }
  for (const [candidate, count] of votes) if (count * 2 > live.length) return candidate
  return null
}
