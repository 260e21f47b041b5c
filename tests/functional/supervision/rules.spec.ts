import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR, recordAudit } from '#audit/audit_log'
import { clock } from '#core/clock'
import { createAccount } from '#tests/helpers/accounts'
import { bidderAccount, inTenant, submitSealed } from '#tests/helpers/bids'
import {
  OPERATOR,
  TENDERER,
  alertsOf,
  district,
  entityCode,
  newTrade,
  openedTrade,
  projectOf,
  runSupervisionTimers,
} from '#tests/helpers/supervision'
import { fireTransition } from '#trading/engine/procedure_engine'
import { IssueAmendment } from '#trading/documents/amendments'
import { DecryptBid, SubmitBid, ownBid } from '#trading/sealed_bids/bids'
import { newKeyFile, sealBid, unwrapBidKey } from '#trading/sealed_bids/bid_crypto'

/**
 * Every core alert rule: a fixture that fires it and one that does not.
 * Events reach the rules as in production: the audit event schedules a
 * supervision timer in its transaction, and the timer (fired here as the
 * worker fires it) runs the checks. District 500181 is this file's own.
 */
const DAY = 86_400_000
const FINGERPRINT_A = 'a'.repeat(64)
const FINGERPRINT_B = 'b'.repeat(64)

let CODE = ''

async function rulesRaised(tradeId: number) {
  await runSupervisionTimers(CODE)
  const alerts = await alertsOf(CODE, { tradeId })
  return alerts.map((alert) => alert.rule_code as string)
}

async function sealedFor(price: number) {
  const encode = (text: string) => new TextEncoder().encode(text)
  return sealBid(
    { readout: encode(JSON.stringify({ price })), file: encode('投标文件') },
    { keyFile: newKeyFile() }
  )
}

/** Publishes candidates, lets the 3-day publicity run, and awards `winnerCode` */
async function award(tradeId: number, candidates: any[], winnerCode: string) {
  await inTenant(CODE, () =>
    fireTransition(tradeId, 'publish_candidates', TENDERER, { candidates })
  )
  const now = await inTenant(CODE, () => clock.now())
  await inTenant(CODE, () => clock.freeze(new Date(now.getTime() + 4 * DAY)))
  await inTenant(CODE, () => fireTransition(tradeId, 'award', TENDERER, { winnerCode }))
}

function candidate(rank: number, code: string, price: number) {
  return { rank, name: `候选人${rank}`, code, price }
}

test.group('supervision rules', (group) => {
  group.setup(async () => {
    CODE = await district('rules')
  })
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('W01: bidders sending one device fingerprint through the bid API fire it; distinct devices do not', async ({
    client,
    assert,
  }) => {
    const now = await inTenant(CODE, () => clock.now())
    const same = await newTrade(CODE, 'test-tender', {
      milestones: { bid_deadline: new Date(now.getTime() + DAY).toISOString() },
    })
    const distinct = await newTrade(CODE, 'test-tender', {
      milestones: { bid_deadline: new Date(now.getTime() + DAY).toISOString() },
    })
    for (const [tradeId, fingerprints] of [
      [same, [FINGERPRINT_A, FINGERPRINT_A]],
      [distinct, [FINGERPRINT_A, FINGERPRINT_B]],
    ] as const) {
      for (const fingerprint of fingerprints) {
        const bidder = await bidderAccount()
        const response = await submitSealed(
          client,
          bidder.account,
          CODE,
          tradeId,
          await sealedFor(100),
          {
            fingerprint,
          }
        )
        response.assertStatus(201)
      }
    }
    assert.include(await rulesRaised(same), 'W01')
    assert.notInclude(await rulesRaised(distinct), 'W01')
    const [alert] = await alertsOf(CODE, { tradeId: same, rule: 'W01' })
    assert.equal(alert.severity, 'high')
    assert.equal(alert.evidence.fingerprint, FINGERPRINT_A)
    assert.lengthOf(alert.evidence.bidders, 2)
  })

  test('W01: a fingerprint that is not a SHA-256 hex is refused with a field message', async ({
    client,
  }) => {
    const now = await inTenant(CODE, () => clock.now())
    const tradeId = await newTrade(CODE, 'test-tender', {
      milestones: { bid_deadline: new Date(now.getTime() + DAY).toISOString() },
    })
    const bidder = await bidderAccount()
    const response = await submitSealed(client, bidder.account, CODE, tradeId, await sealedFor(1), {
      fingerprint: 'not-a-hash',
    })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'fingerprint' }] })
  })

  test('W02: bids from one IP within the window fire it; bids from different IPs do not', async ({
    assert,
  }) => {
    const shared = await openedTrade(
      CODE,
      [
        { price: 100, ip: '203.0.113.7' },
        { price: 300, ip: '203.0.113.7' },
      ],
      {
        close: false,
      }
    )
    const apart = await openedTrade(
      CODE,
      [
        { price: 100, ip: '203.0.113.7' },
        { price: 300, ip: '198.51.100.9' },
      ],
      {
        close: false,
      }
    )
    assert.include(await rulesRaised(shared.tradeId), 'W02')
    assert.notInclude(await rulesRaised(apart.tradeId), 'W02')
    const [alert] = await alertsOf(CODE, { tradeId: shared.tradeId, rule: 'W02' })
    assert.equal(alert.evidence.ip, '203.0.113.7')
  })

  test('W03: the same sealed file from two bidders, or the same document metadata, fires it', async ({
    assert,
  }) => {
    const document = { name: '投标文件.pdf', size: 123456, lastModified: 1767225600000 }
    const sameDocument = await openedTrade(CODE, [
      { price: 100, document },
      { price: 300, document },
      { price: 500, document: { ...document, size: 1 } },
    ])
    const differentDocuments = await openedTrade(CODE, [
      { price: 100, document },
      { price: 300, document: { ...document, lastModified: 1 } },
    ])
    assert.include(await rulesRaised(sameDocument.tradeId), 'W03')
    assert.notInclude(await rulesRaised(differentDocuments.tradeId), 'W03')
    const [alert] = await alertsOf(CODE, { tradeId: sameDocument.tradeId, rule: 'W03' })
    assert.equal(alert.evidence.kind, 'document_metadata')
    assert.lengthOf(alert.evidence.bidders, 2)

    // One sealed package uploaded by two bidders: identical ciphertext hashes
    const now = await inTenant(CODE, () => clock.now())
    const tradeId = await newTrade(CODE, 'test-tender', {
      milestones: { bid_deadline: new Date(now.getTime() + DAY).toISOString() },
    })
    const copied = await sealedFor(100)
    for (let i = 0; i < 2; i++) {
      const bidder = await bidderAccount()
      await inTenant(CODE, () =>
        new SubmitBid({
          actor: { accountId: bidder.account.id, label: 'bidder' },
          entityId: bidder.entityId,
        }).handle(tradeId, copied)
      )
    }
    await runSupervisionTimers(CODE)
    const [hashAlert] = await alertsOf(CODE, { tradeId, rule: 'W03' })
    assert.equal(hashAlert.evidence.kind, 'file_hash')
  })

  test('W04: prices in arithmetic progression fire it; scattered prices do not', async ({
    assert,
  }) => {
    const regular = await openedTrade(CODE, [
      { price: 1_000_000 },
      { price: 1_020_000 },
      { price: 1_040_000 },
    ])
    const scattered = await openedTrade(CODE, [
      { price: 1_000_000 },
      { price: 1_370_000 },
      { price: 2_900_000 },
    ])
    assert.include(await rulesRaised(regular.tradeId), 'W04')
    assert.notInclude(await rulesRaised(scattered.tradeId), 'W04')
    const regularAlerts = await alertsOf(CODE, { tradeId: regular.tradeId, rule: 'W04' })
    const patterns = regularAlerts.map((alert) => alert.evidence.pattern)
    assert.includeMembers(patterns, ['arithmetic', 'fence'])
  })

  test('W09: fewer than 3 bids at opening fire it (R018 for a single valid bid); 3 bids do not', async ({
    assert,
  }) => {
    const few = await openedTrade(CODE, [{ price: 100 }, { price: 300, decrypt: false }])
    const enough = await openedTrade(CODE, [{ price: 100 }, { price: 370 }, { price: 990 }])
    assert.include(await rulesRaised(few.tradeId), 'W09')
    assert.notInclude(await rulesRaised(enough.tradeId), 'W09')
    const [alert] = await alertsOf(CODE, { tradeId: few.tradeId, rule: 'W09' })
    assert.equal(alert.cardinal_code, 'R018')
    assert.deepInclude(alert.evidence, { submitted: 2, valid: 1 })
  })

  test('W10: an attempt to open before the 20-day minimum is refused and recorded as an alert', async ({
    assert,
  }) => {
    const early = await newTrade(CODE, 'test-tender')
    await inTenant(CODE, () => fireTransition(early, 'issue_documents', TENDERER))
    await assert.rejects(() => inTenant(CODE, () => fireTransition(early, 'open_bids', OPERATOR)))
    assert.include(await rulesRaised(early), 'W10')
    const [alert] = await alertsOf(CODE, { tradeId: early, rule: 'W10' })
    assert.equal(alert.evidence.rule, 'construction.documents_to_deadline')
    assert.equal(alert.evidence.role, 'operator')

    const onTime = await newTrade(CODE, 'test-tender')
    await inTenant(CODE, () => fireTransition(onTime, 'issue_documents', TENDERER))
    const now = await inTenant(CODE, () => clock.now())
    await inTenant(CODE, () => clock.freeze(new Date(now.getTime() + 21 * DAY)))
    await inTenant(CODE, () => fireTransition(onTime, 'open_bids', OPERATOR))
    assert.notInclude(await rulesRaised(onTime), 'W10')
  })

  test('W11: a change 5 days before the deadline that does not postpone it fires; one 20 days before does not', async ({
    assert,
  }) => {
    const issuer = await createAccount([], 'tenderer')
    const actor = { accountId: issuer.id, label: 'tenderer' }
    const now = await inTenant(CODE, () => clock.now())
    const late = await newTrade(CODE, 'test-tender', {
      milestones: { bid_deadline: new Date(now.getTime() + 5 * DAY).toISOString() },
    })
    const early = await newTrade(CODE, 'test-tender', {
      milestones: { bid_deadline: new Date(now.getTime() + 20 * DAY).toISOString() },
    })
    for (const tradeId of [late, early]) {
      await inTenant(CODE, () =>
        new IssueAmendment(actor).handle(tradeId, {
          kind: 'clarification',
          summary: '澄清：调整资格条件',
          affectsBids: false,
        })
      )
    }
    assert.include(await rulesRaised(late), 'W11')
    assert.notInclude(await rulesRaised(early), 'W11')
    const [alert] = await alertsOf(CODE, { tradeId: late, rule: 'W11' })
    assert.equal(alert.evidence.kind, 'late_without_postponing')
  })

  test('W12: a third win for one tenderer within 12 months fires; two do not', async ({
    assert,
  }) => {
    const tenderer = await bidderAccount()
    const winner = await bidderAccount()
    const code = await entityCode(winner.entityId)
    const trades = []
    for (let i = 0; i < 3; i++) {
      const projectId = await projectOf(CODE, tenderer.entityId)
      const tradeId = await newTrade(CODE, 'test-results', { projectId })
      await award(tradeId, [candidate(1, code, 1000 + i)], code)
      trades.push(tradeId)
    }
    assert.notInclude(await rulesRaised(trades[1]), 'W12')
    assert.include(await rulesRaised(trades[2]), 'W12')
    const [alert] = await alertsOf(CODE, { tradeId: trades[2], rule: 'W12' })
    assert.equal(alert.cardinal_code, 'R025')
    assert.lengthOf(alert.evidence.wins, 3)
  })

  test('W13: an expert drawn three times for one tenderer fires; twice does not', async ({
    assert,
  }) => {
    const draw = (experts: number[], tenderer: string) =>
      inTenant(CODE, () =>
        recordAudit(SYSTEM_ACTOR, {
          action: 'expert_draw.decided',
          subjectType: 'expert_draw',
          subjectId: experts.join('-'),
          payload: { tenderer, experts, category: 'construction' },
        })
      )
    const often = `W13A${randomUUID()}`
    const seldom = `W13B${randomUUID()}`
    for (const experts of [
      [11, 12],
      [11, 13],
      [11, 14],
    ])
      await draw(experts, often)
    for (const experts of [
      [11, 12],
      [11, 13],
    ])
      await draw(experts, seldom)
    await runSupervisionTimers(CODE)
    const w13 = await alertsOf(CODE, { rule: 'W13' })
    const raised = w13.map((alert) => alert.evidence)
    assert.isTrue(raised.some((e) => e.tenderer === often && e.expertId === 11 && e.draws === 3))
    assert.isFalse(raised.some((e) => e.tenderer === seldom))
    assert.isFalse(raised.some((e) => e.expertId === 12))
  })

  test('W14: the second-ranked winner fires it; the first-ranked does not; an unsigned contract fires on its due date', async ({
    assert,
  }) => {
    const first = await bidderAccount()
    const second = await bidderAccount()
    const [a, b] = [await entityCode(first.entityId), await entityCode(second.entityId)]
    const candidates = [candidate(1, a, 1000), candidate(2, b, 1100)]
    const tenderer = await bidderAccount()
    const projectId = await projectOf(CODE, tenderer.entityId, 'state_capital')
    const skipped = await newTrade(CODE, 'test-results', { projectId })
    await award(skipped, candidates, b)
    const ranked = await newTrade(CODE, 'test-results')
    await award(ranked, candidates, a)
    assert.include(await rulesRaised(skipped), 'W14')
    assert.notInclude(await rulesRaised(ranked), 'W14')
    const [alert] = await alertsOf(CODE, { tradeId: skipped, rule: 'W14' })
    assert.equal(alert.evidence.kind, 'winner_not_first')
    assert.equal(alert.evidence.fundSource, 'state_capital')

    // 31 days after the award without a contract: the due-date timer raises it
    const now = await inTenant(CODE, () => clock.now())
    await inTenant(CODE, () => clock.freeze(new Date(now.getTime() + 31 * DAY)))
    await runSupervisionTimers(CODE)
    const late = await alertsOf(CODE, { tradeId: ranked, rule: 'W14' })
    assert.lengthOf(late, 1)
    assert.equal(late[0].evidence.kind, 'contract_not_signed')
  })

  test('W15: R024, R035 and R036 fire on a suspicious result; a plain lowest-price award does not', async ({
    assert,
  }) => {
    const opened = await openedTrade(CODE, [{ price: 900 }, { price: 1000 }, { price: 1002 }], {
      procedure: 'test-results',
    })
    const codes = await Promise.all(opened.bidders.map((b) => entityCode(b.entityId)))
    // The lowest (900) is left out; the winner is 0.2 % under the runner-up
    await award(
      opened.tradeId,
      [candidate(1, codes[1], 1000), candidate(2, codes[2], 1002)],
      codes[1]
    )
    await runSupervisionTimers(CODE)
    const openedAlerts = await alertsOf(CODE, { tradeId: opened.tradeId, rule: 'W15' })
    const flags = openedAlerts.map((alert) => alert.cardinal_code)
    assert.sameMembers(flags, ['R024', 'R036'])

    const alone = await openedTrade(CODE, [{ price: 900 }, { price: 1000 }], {
      procedure: 'test-results',
    })
    const aloneCodes = await Promise.all(alone.bidders.map((b) => entityCode(b.entityId)))
    await award(alone.tradeId, [candidate(1, aloneCodes[0], 900)], aloneCodes[0])
    await runSupervisionTimers(CODE)
    const aloneAlerts = await alertsOf(CODE, { tradeId: alone.tradeId, rule: 'W15' })
    const aloneFlags = aloneAlerts.map((alert) => alert.cardinal_code)
    assert.deepEqual(aloneFlags, ['R035'])

    const plain = await openedTrade(CODE, [{ price: 900 }, { price: 1000 }, { price: 1300 }], {
      procedure: 'test-results',
    })
    const plainCodes = await Promise.all(plain.bidders.map((b) => entityCode(b.entityId)))
    await award(
      plain.tradeId,
      [
        candidate(1, plainCodes[0], 900),
        candidate(2, plainCodes[1], 1000),
        candidate(3, plainCodes[2], 1300),
      ],
      plainCodes[0]
    )
    assert.notInclude(await rulesRaised(plain.tradeId), 'W15')
  })

  test('W18: decrypting before the opening is refused and raised as critical; a decryption at opening is not', async ({
    assert,
  }) => {
    const early = await openedTrade(CODE, [{ price: 100 }], { close: false })
    const [bidder] = early.bidders
    const mine = await inTenant(CODE, () => ownBid(early.tradeId, bidder.entityId))
    const dataKey = await unwrapBidKey(mine!.wrapping, { keyFile: bidder.keyFile })
    const outcome = await inTenant(CODE, () =>
      new DecryptBid({ actor: bidder.actor, entityId: bidder.entityId }).handle(
        early.tradeId,
        dataKey
      )
    )
    assert.equal(outcome.outcome, 'refused')
    assert.include(await rulesRaised(early.tradeId), 'W18')
    const [alert] = await alertsOf(CODE, { tradeId: early.tradeId, rule: 'W18' })
    assert.equal(alert.severity, 'critical')
    assert.equal(alert.evidence.action, 'bid.decrypt_refused')

    const opened = await openedTrade(CODE, [{ price: 100 }, { price: 200 }, { price: 900 }])
    assert.notInclude(await rulesRaised(opened.tradeId), 'W18')
  })

  test('an evaluation delivered twice raises each alert once', async ({ assert }) => {
    const few = await openedTrade(CODE, [{ price: 100 }])
    await runSupervisionTimers(CODE)
    const { evaluateEvent } = await import('#supervision/engine/evaluate')
    const event = await inTenant(CODE, () =>
      db
        .from('audit_events')
        .where({ action: 'opening.close', subject_id: String(few.tradeId) })
        .firstOrFail()
    )
    const again = await inTenant(CODE, () =>
      evaluateEvent({
        seq: Number(event.seq),
        action: event.action,
        subjectType: event.subject_type,
        subjectId: event.subject_id,
        payload: event.payload,
        actor: { accountId: null, label: 'system' },
      })
    )
    assert.isTrue(again.every((raised) => !raised.created))
    assert.lengthOf(await alertsOf(CODE, { tradeId: few.tradeId, rule: 'W09' }), 1)
  })
})
