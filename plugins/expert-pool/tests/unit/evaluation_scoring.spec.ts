import { test } from '@japa/runner'
import {
  electedChair,
  formatHundredths,
  scoreEvaluation,
  toHundredths,
  type MemberVerdict,
  type MemberWork,
} from '../../app/evaluation/scoring.js'

const bid = (bidId: number, price: string) => ({
  bidId,
  entityId: 100 + bidId,
  price: toHundredths(price)!,
})

function scored(bidId: number, technical: string, commercial: string): MemberVerdict {
  return {
    bidId,
    rejectReason: null,
    technical: toHundredths(technical),
    commercial: toHundredths(commercial),
    evaluatedPrice: null,
  }
}

function priced(bidId: number, evaluatedPrice: string): MemberVerdict {
  return {
    bidId,
    rejectReason: null,
    technical: null,
    commercial: null,
    evaluatedPrice: toHundredths(evaluatedPrice),
  }
}

function rejected(bidId: number, reason: string): MemberVerdict {
  return { bidId, rejectReason: reason, technical: null, commercial: null, evaluatedPrice: null }
}

const member = (memberId: number, verdicts: MemberVerdict[], isVoid = false): MemberWork => ({
  memberId,
  void: isVoid,
  verdicts,
})

test.group('evaluation scoring', () => {
  test('amounts in hundredths, both ways', ({ assert }) => {
    assert.equal(toHundredths('1234.5'), 123450n)
    assert.equal(toHundredths(99.99), 9999n)
    assert.equal(toHundredths(1000), 100000n)
    assert.isNull(toHundredths('-1'))
    assert.isNull(toHundredths('1.234'))
    assert.isNull(toHundredths('abc'))
    assert.equal(formatHundredths(123405n), '1234.05')
  })

  test('lowest evaluated price: mean of the members, ascending, ties to the lower price', ({
    assert,
  }) => {
    const bids = [bid(1, '1000000'), bid(2, '950000'), bid(3, '990000')]
    const result = scoreEvaluation({
      method: 'lowest_evaluated_price',
      weights: null,
      candidateCount: 3,
      bids,
      members: [
        member(1, [priced(1, '980000'), priced(2, '990000'), priced(3, '990000')]),
        member(2, [priced(1, '980000'), priced(2, '990000'), priced(3, '990000')]),
        member(3, [priced(1, '980000.01'), priced(2, '990000'), priced(3, '990000')]),
      ],
    })
    // Bid 1: (98万 + 98万 + 980000.01) / 3 = 980000.0033 → 980000.00
    assert.deepEqual(
      result.ranking.map((r) => [r.bidId, r.rank, r.evaluatedPrice, r.score]),
      [
        [1, 1, '980000.00', null],
        // 2 and 3 tie at 990000; 2 bid lower
        [2, 2, '990000.00', null],
        [3, 3, '990000.00', null],
      ]
    )
    assert.deepEqual(result.rejected, [])
  })

  test('comprehensive scoring: benchmark price score, mean totals, two decimals', ({ assert }) => {
    const weights = { price: 30, technical: 50, commercial: 20 }
    const bids = [bid(1, '1000000'), bid(2, '800000'), bid(3, '900000')]
    const result = scoreEvaluation({
      method: 'comprehensive_scoring',
      weights,
      candidateCount: 2,
      bids,
      members: [
        member(1, [scored(1, '45', '18'), scored(2, '30', '15'), scored(3, '40', '16')]),
        member(2, [scored(1, '44', '17'), scored(2, '31', '15'), scored(3, '41', '17')]),
        member(3, [scored(1, '46', '19'), scored(2, '29', '14'), scored(3, '40', '15')]),
      ],
    })
    // Price scores: benchmark 800000 → bid 1: 24.00, bid 2: 30.00, bid 3: 26.666… → 26.67
    // Bid 1: 24 + (63 + 61 + 65)/3 = 24 + 63 = 87.00
    // Bid 3: 26.67 + (56 + 58 + 55)/3 = 26.67 + 56.333… → 83.00 (mean of 82.67, 84.67, 81.67)
    // Bid 2: 30 + (45 + 46 + 43)/3 = 30 + 44.666… = 74.67
    assert.deepEqual(
      result.ranking.map((r) => [r.bidId, r.rank, r.score]),
      [
        [1, 1, '87.00'],
        [3, 2, '83.00'],
        [2, 3, '74.67'],
      ]
    )
  })

  test('comprehensive scoring: equal totals go to the lower price', ({ assert }) => {
    const result = scoreEvaluation({
      method: 'comprehensive_scoring',
      weights: { price: 0, technical: 60, commercial: 40 },
      candidateCount: 3,
      bids: [bid(1, '500'), bid(2, '400')],
      members: [member(1, [scored(1, '50', '30'), scored(2, '50', '30')])],
    })
    assert.deepEqual(
      result.ranking.map((r) => r.bidId),
      [2, 1]
    )
  })

  test('a bid is rejected by a majority, with the reason most members gave', ({ assert }) => {
    const result = scoreEvaluation({
      method: 'lowest_evaluated_price',
      weights: null,
      candidateCount: 3,
      bids: [bid(1, '100'), bid(2, '200'), bid(3, '300')],
      members: [
        member(1, [rejected(1, 'below_cost'), priced(2, '200'), rejected(3, 'non_responsive')]),
        member(2, [rejected(1, 'below_cost'), priced(2, '200'), priced(3, '300')]),
        member(3, [rejected(1, 'fails_qualification'), priced(2, '200'), priced(3, '300')]),
      ],
    })
    assert.deepEqual(result.rejected, [{ bidId: 1, entityId: 101, reasonCode: 'below_cost' }])
    // One rejection of three is not the committee's: bid 3 stays, priced by those who scored it
    assert.deepEqual(
      result.ranking.map((r) => [r.bidId, r.evaluatedPrice]),
      [
        [2, '200.00'],
        [3, '300.00'],
      ]
    )
  })

  test("a void member's verdicts count for nothing", ({ assert }) => {
    const weights = { price: 40, technical: 40, commercial: 20 }
    const bids = [bid(1, '100'), bid(2, '100')]
    const live = [
      member(1, [scored(1, '30', '10'), scored(2, '35', '15')]),
      member(2, [scored(1, '30', '10'), scored(2, '35', '15')]),
    ]
    const replaced = member(
      9,
      [rejected(2, 'collusion_fraud_bribery'), scored(1, '40', '20')],
      true
    )
    const withVoid = scoreEvaluation({
      method: 'comprehensive_scoring',
      weights,
      candidateCount: 2,
      bids,
      members: [...live, replaced],
    })
    assert.deepEqual(withVoid.rejected, [])
    assert.deepEqual(
      withVoid.ranking.map((r) => [r.bidId, r.score]),
      [
        [2, '90.00'],
        [1, '80.00'],
      ]
    )
    // Counted as live, the same verdicts would change the result
    const counted = scoreEvaluation({
      method: 'comprehensive_scoring',
      weights,
      candidateCount: 2,
      bids,
      members: [...live, { ...replaced, void: false }],
    })
    assert.notDeepEqual(
      counted.ranking.map((r) => r.score),
      withVoid.ranking.map((r) => r.score)
    )
  })

  test('the chair needs more than half of the live members', ({ assert }) => {
    const seat = (id: number, vote: number | null, isVoid = false, mayChair = true) => ({
      id,
      void: isVoid,
      vote,
      mayChair,
    })
    assert.isNull(electedChair([seat(1, 1), seat(2, 2), seat(3, null)]))
    assert.equal(electedChair([seat(1, 2), seat(2, 2), seat(3, 1)]), 2)
    // Two of five is not a majority
    assert.isNull(electedChair([seat(1, 2), seat(2, 2), seat(3, 1), seat(4, 3), seat(5, null)]))
    // A void member's vote, and votes for a void member, do not count
    assert.isNull(electedChair([seat(1, 2), seat(2, 2, true), seat(3, 2)]))
    assert.equal(electedChair([seat(1, 3), seat(2, 3, true), seat(3, 3), seat(4, 1)]), 3)
    // A member the rule bars from the chair cannot be elected
    assert.isNull(electedChair([seat(1, 3), seat(2, 3), seat(3, 3, false, false)]))
  })
})
