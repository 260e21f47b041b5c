/**
 * When an expert's ratings suspend them (domain.md §5, 条例 Art. 71: the
 * ladder from correction to a ban). Ratings are 1–5, one per evaluation
 * from the tenderer and one from the supervisor. Over the ratings of the
 * last CREDIT_WINDOW_DAYS days, the expert is suspended automatically for
 * SUSPENSION_DAYS when either
 * - BAD_RATINGS_LIMIT ratings are bad (score ≤ BAD_SCORE): three serious
 *   complaints in a year (absence, scoring deviation, a complaint upheld)
 *   are what the local rules punish with a pause; or
 * - at least AVERAGE_MIN_RATINGS ratings average below AVERAGE_FLOOR: a
 *   steady mediocre record, judged only once there are enough ratings that
 *   one harsh rater cannot decide it alone.
 */
export const CREDIT_WINDOW_DAYS = 365
export const BAD_SCORE = 2
export const BAD_RATINGS_LIMIT = 3
export const AVERAGE_MIN_RATINGS = 5
export const AVERAGE_FLOOR = 3
export const SUSPENSION_DAYS = 180

export interface CreditStanding {
  ratings: number
  /** Two decimals, or null without ratings */
  average: string | null
  badRatings: number
  suspend: boolean
}

/** The standing from the scores of the ratings inside the window */
export function creditStanding(scores: number[]): CreditStanding {
  const badRatings = scores.filter((score) => score <= BAD_SCORE).length
  const sum = scores.reduce((total, score) => total + score, 0)
  const averageBelow = scores.length >= AVERAGE_MIN_RATINGS && sum < AVERAGE_FLOOR * scores.length
  return {
    ratings: scores.length,
    average: scores.length ? (Math.round((sum * 100) / scores.length) / 100).toFixed(2) : null,
    badRatings,
    suspend: badRatings >= BAD_RATINGS_LIMIT || averageBelow,
  }
}
