import { test } from '@japa/runner'
import { avoidanceReasons } from '../../app/draw/avoidance.js'
import { performDraw } from '../../app/draw/draw.js'
import type { DrawRequest, ExclusionReason, ExpertSnapshot } from '../../app/draw/types.js'
import { BIDDER, OTHER, TENDERER, expert, pool, request, seedOf } from './draw_fixtures.js'

interface RuleCase {
  reason: ExclusionReason
  excludes: [Partial<ExpertSnapshot>, Partial<DrawRequest>?]
  keeps: [Partial<ExpertSnapshot>, Partial<DrawRequest>?]
}

const CASES: RuleCase[] = [
  {
    reason: 'employer_is_tenderer',
    excludes: [{ employerUscc: TENDERER }],
    keeps: [{ employerUscc: OTHER }],
  },
  {
    reason: 'employer_is_bidder',
    excludes: [{ employerUscc: BIDDER }],
    keeps: [{ employerUscc: OTHER }],
  },
  {
    reason: 'relative_at_party',
    excludes: [{ relations: [{ kind: 'relative_employer', uscc: BIDDER }] }],
    keeps: [{ relations: [{ kind: 'relative_employer', uscc: OTHER }] }],
  },
  {
    reason: 'shareholding_in_party',
    excludes: [{ relations: [{ kind: 'shareholding', uscc: TENDERER }] }],
    keeps: [{ relations: [{ kind: 'shareholding', uscc: OTHER }] }],
  },
  {
    reason: 'supervising_staff',
    excludes: [
      { personKey: 'k-staff' },
      { lot: { tendererUscc: TENDERER, bidderUsccs: [], supervisorKeys: ['k-staff'] } },
    ],
    keeps: [
      { personKey: 'k-other' },
      { lot: { tendererUscc: TENDERER, bidderUsccs: [], supervisorKeys: ['k-staff'] } },
    ],
  },
  {
    reason: 'tenderer_quota',
    excludes: [{ recentDraws: { [TENDERER]: 3 } }, { maxDrawsPerTenderer: 3 }],
    keeps: [{ recentDraws: { [TENDERER]: 2, [OTHER]: 9 } }, { maxDrawsPerTenderer: 3 }],
  },
  {
    reason: 'suspended',
    excludes: [{ status: 'suspended', statusUntil: '2027-03-16' }],
    keeps: [{ status: 'suspended', statusUntil: '2027-03-15' }],
  },
  {
    reason: 'blacklisted',
    excludes: [{ status: 'blacklisted', statusUntil: null }],
    keeps: [{ status: 'blacklisted', statusUntil: '2027-01-01' }],
  },
  {
    reason: 'retired',
    excludes: [{ status: 'retired' }],
    keeps: [{ status: 'active' }],
  },
  {
    reason: 'busy',
    excludes: [{ busyDates: ['2027-03-15'] }],
    keeps: [{ busyDates: ['2027-03-14', '2027-03-16'] }],
  },
  {
    reason: 'excluded',
    excludes: [{}, { excludedIds: ['x'] }],
    keeps: [{}, { excludedIds: ['y'] }],
  },
  {
    reason: 'region',
    excludes: [{ regions: ['500102'] }, { regions: ['500101', '500103'] }],
    keeps: [{ regions: ['500102', '500103'] }, { regions: ['500101', '500103'] }],
  },
]

test.group('expert draw: avoidance rules', () => {
  for (const { reason, excludes, keeps } of CASES) {
    test(`${reason} excludes when it applies`, ({ assert }) => {
      const [fields, lot] = excludes
      assert.deepEqual(avoidanceReasons(expert('x', fields), request(lot)), [reason])
    })

    test(`${reason} keeps an expert it does not concern`, ({ assert }) => {
      const [fields, lot] = keeps
      assert.deepEqual(avoidanceReasons(expert('x', fields), request(lot)), [])
    })
  }

  test('every rule that holds is reported, not just the first', ({ assert }) => {
    const busyBidder = expert('x', { employerUscc: BIDDER, busyDates: ['2027-03-15'] })
    assert.deepEqual(avoidanceReasons(busyBidder, request()), ['employer_is_bidder', 'busy'])
  })

  test('the draw result lists the exclusions with their reasons', ({ assert }) => {
    const experts = [
      ...pool(5),
      expert('z1', { employerUscc: TENDERER }),
      expert('z2', { status: 'retired' }),
    ]
    const record = performDraw(seedOf('exclusions'), { experts }, request())
    assert.deepEqual(record.result.exclusions, [
      { expertId: 'z1', reasons: ['employer_is_tenderer'] },
      { expertId: 'z2', reasons: ['retired'] },
    ])
  })

  test('blacklisted and busy experts are never drawn, whatever the seed', ({ assert }) => {
    const experts = [
      ...pool(6),
      expert('b1', { status: 'blacklisted', statusUntil: '2028-01-01' }),
      expert('b2', { status: 'blacklisted', statusUntil: null }),
      expert('u1', { busyDates: ['2027-03-15'] }),
      expert('u2', { busyDates: ['2027-03-15'] }),
    ]
    const banned = new Set(['b1', 'b2', 'u1', 'u2'])
    for (let i = 0; i < 300; i++) {
      const record = performDraw(seedOf(`banned-${i}`), { experts }, request({ reservePerLine: 3 }))
      const everyone = record.result.lines.flatMap((line) => [...line.drawn, ...line.reserves])
      assert.lengthOf(everyone, 6)
      assert.isFalse(everyone.some((pick) => banned.has(pick.expertId)))
    }
  })
})
