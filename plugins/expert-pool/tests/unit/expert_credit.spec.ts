import { test } from '@japa/runner'
import {
  AVERAGE_MIN_RATINGS,
  BAD_RATINGS_LIMIT,
  creditStanding,
} from '../../app/expert_credit/credit.js'

test.group('expert credit threshold', () => {
  test('three bad ratings suspend; two do not', ({ assert }) => {
    assert.equal(BAD_RATINGS_LIMIT, 3)
    assert.isFalse(creditStanding([1, 2, 5, 5]).suspend)
    const standing = creditStanding([1, 2, 2, 5, 5])
    assert.isTrue(standing.suspend)
    assert.equal(standing.badRatings, 3)
    assert.equal(standing.average, '3.00')
  })

  test('a low average suspends only once there are enough ratings', ({ assert }) => {
    assert.equal(AVERAGE_MIN_RATINGS, 5)
    // Average 2.75 from four ratings: too few to judge by the average, one bad only
    assert.isFalse(creditStanding([3, 3, 3, 2]).suspend)
    // Average 2.8 from five, one bad rating
    const standing = creditStanding([3, 3, 3, 3, 2])
    assert.equal(standing.average, '2.80')
    assert.isTrue(standing.suspend)
    assert.isFalse(creditStanding([3, 3, 3, 3, 3]).suspend)
    assert.deepEqual(creditStanding([]), {
      ratings: 0,
      average: null,
      badRatings: 0,
      suspend: false,
    })
  })
})
