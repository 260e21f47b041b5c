import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { fireTransition } from '#trading/engine/procedure_engine'
import { bidderAccount, inTenant, sealPrice } from '#tests/helpers/bids'
import { newKeyFile } from '#trading/sealed_bids/bid_crypto'
import { SubmitBid } from '#trading/sealed_bids/bids'
import { randomUscc } from '#tests/helpers/identity'
import { AmendDocuments } from '../../app/actions/amend_documents.js'
import { Award } from '../../app/actions/award.js'
import { AnswerObjection, FileObjection } from '../../app/actions/objections.js'
import { OpenBids } from '../../app/actions/open_bids.js'
import {
  CODE,
  DAY,
  depositsRecorded,
  enableConstructionBidding,
  inPublicity,
  isoIn,
  operator,
  platformNow,
  sealedBids,
  tenderOnProject,
} from './fixtures.js'

/**
 * The law's guards on a construction tender in 万州区 (domain.md §1.1): each
 * refused when broken, each passing when kept.
 */
async function refusalOf(fn: () => Promise<unknown>) {
  try {
    await inTenant(CODE, fn)
    return null
  } catch (error) {
    if (error instanceof RuleViolation) return { key: error.messageKey, values: error.values }
    throw error
  }
}

/** A tender whose documents are out, with the bid deadline `deadlineDays` ahead */
async function issuedTender(deadlineDays = 25, fundSource = 'district_finance') {
  const setup = await tenderOnProject({}, fundSource)
  const now = await platformNow()
  await inTenant(CODE, async () => {
    await fireTransition(setup.tender.tradeId, 'publish_notice', setup.tenderer)
    await fireTransition(setup.tender.tradeId, 'issue_documents', setup.tenderer, {
      saleEndsAt: isoIn(now, 5),
      bidDeadline: isoIn(now, deadlineDays),
    })
  })
  return setup
}

const tradeOf = (id: number) => inTenant(CODE, () => db.from('trades').where('id', id).first())

async function stateOf(id: number) {
  const trade = await tradeOf(id)
  return trade.state as string
}

async function refusalKey(fn: () => Promise<unknown>) {
  const refused = await refusalOf(fn)
  return refused?.key
}

test.group('construction-bidding: the guards of the procedure', (group) => {
  group.setup(() => enableConstructionBidding())
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('the notice is published; a sale under 5 days or a deadline under 20 days is refused', async ({
    assert,
  }) => {
    const { tender, tenderer } = await tenderOnProject()
    assert.match(tender.tenderCode, /^[A-Z][0-9]{19}$/)
    assert.equal(tender.sectionCode, `${tender.tenderCode}001`)
    await inTenant(CODE, () => fireTransition(tender.tradeId, 'publish_notice', tenderer))
    const now = await platformNow()
    const issue = (saleDays: number, deadlineDays: number) =>
      refusalOf(() =>
        fireTransition(tender.tradeId, 'issue_documents', tenderer, {
          saleEndsAt: isoIn(now, saleDays),
          bidDeadline: isoIn(now, deadlineDays),
        })
      )
    const shortSale = await issue(4, 25)
    assert.equal(shortSale?.key, 'trading.errors.period_too_short')
    assert.equal(shortSale?.values.rule, 'construction.document_sale')
    const shortBidding = await issue(5, 19)
    assert.equal(shortBidding?.values.rule, 'construction.documents_to_deadline')
    assert.isNull(await issue(5, 20))
    assert.equal(await stateOf(tender.tradeId), 'documents_issued')

    const notices = await inTenant(CODE, () =>
      db.from('announcements').where('trade_id', tender.tradeId).select('kind', 'title', 'body')
    )
    assert.deepEqual(
      notices.map((n) => n.kind),
      ['trade_notice']
    )
    assert.include(notices[0].body, tender.tenderCode)
  })

  test('a deposit above 2 % of the estimate and an invited tender of 2 are refused', async ({
    assert,
  }) => {
    await assert.rejects(
      () => tenderOnProject({ deposit: '200000.01' }),
      'Rule violated: construction_bidding.errors.deposit_limit'
    )
    await assert.rejects(
      () => tenderOnProject({ tenderMode: 'invited', inviteeCodes: [randomUscc(), randomUscc()] }),
      'Rule violated: construction_bidding.errors.invitees'
    )
    const invited = await tenderOnProject({
      tenderMode: 'invited',
      inviteeCodes: [randomUscc(), randomUscc(), randomUscc()],
    })
    await inTenant(CODE, () =>
      fireTransition(invited.tender.tradeId, 'send_invitations', invited.tenderer)
    )
    assert.equal(await stateOf(invited.tender.tradeId), 'notice_published')
  })

  test('an invited tender admits its invitees only; a prequalified one the qualified only', async ({
    assert,
  }) => {
    const invited: Array<Awaited<ReturnType<typeof bidderAccount>> & { code: string }> = []
    for (let i = 0; i < 3; i++) {
      const bidder = await bidderAccount()
      const entity = await db
        .connection('owner')
        .from('market_entities')
        .where('id', bidder.entityId)
        .first()
      invited.push({ ...bidder, code: entity.code as string })
    }
    const bid = async (tradeId: number, bidder: { account: { id: number }; entityId: number }) => {
      const sealed = await sealPrice(8_000_000, { keyFile: newKeyFile() })
      return refusalKey(() =>
        new SubmitBid({
          entityId: bidder.entityId,
          actor: { accountId: bidder.account.id, label: 'bidder' },
        }).handle(tradeId, sealed)
      )
    }
    const now = await platformNow()
    const documents = { saleEndsAt: isoIn(now, 5), bidDeadline: isoIn(now, 20) }

    const byInvitation = await tenderOnProject({
      tenderMode: 'invited',
      inviteeCodes: invited.map((b) => b.code),
    })
    await inTenant(CODE, async () => {
      await fireTransition(byInvitation.tender.tradeId, 'send_invitations', byInvitation.tenderer)
      await fireTransition(
        byInvitation.tender.tradeId,
        'issue_documents',
        byInvitation.tenderer,
        documents
      )
    })
    const stranger = await bidderAccount()
    assert.equal(
      await bid(byInvitation.tender.tradeId, stranger),
      'construction_bidding.errors.not_invited'
    )
    await depositsRecorded(byInvitation.tender.tradeId, [invited[0].entityId])
    assert.isUndefined(await bid(byInvitation.tender.tradeId, invited[0]))

    const prequalified = await tenderOnProject({ prequalification: true })
    const tradeId = prequalified.tender.tradeId
    const tenderer = prequalified.tenderer
    await inTenant(CODE, () => fireTransition(tradeId, 'publish_notice', tenderer))
    assert.equal(
      await refusalKey(() => fireTransition(tradeId, 'issue_documents', tenderer, documents)),
      'construction_bidding.errors.prequalification_first'
    )
    await inTenant(CODE, async () => {
      await fireTransition(tradeId, 'issue_prequal_documents', tenderer, {
        saleEndsAt: isoIn(now, 5),
        applicationsDueAt: isoIn(now, 10),
      })
      await clock.advance(10 * DAY)
    })
    assert.equal(
      await refusalKey(() =>
        fireTransition(tradeId, 'publish_prequal_result', tenderer, {
          qualifiedCodes: invited.slice(0, 2).map((b) => b.code),
        })
      ),
      'construction_bidding.errors.too_few_qualified'
    )
    await inTenant(CODE, async () => {
      await fireTransition(tradeId, 'publish_prequal_result', tenderer, {
        qualifiedCodes: invited.map((b) => b.code),
      })
      const later = await clock.now()
      await fireTransition(tradeId, 'issue_documents', tenderer, {
        saleEndsAt: isoIn(later, 5),
        bidDeadline: isoIn(later, 20),
      })
    })
    assert.equal(await bid(tradeId, stranger), 'construction_bidding.errors.not_qualified')
    await depositsRecorded(tradeId, [invited[1].entityId])
    assert.isUndefined(await bid(tradeId, invited[1]))
  })

  test('a late amendment that affects bids must move the deadline; the core moves it by 15 days', async ({
    assert,
  }) => {
    const { tender, account } = await issuedTender(20)
    const tenderer = { accountId: account.id, label: 'tenderer', role: 'tenderer' as const }
    await inTenant(CODE, () => clock.advance(10 * DAY))
    const amendment = {
      kind: 'amendment' as const,
      summary: '工程量清单第3项修改',
      affectsBids: true,
      moveDeadline: false,
    }
    const refused = await refusalOf(() =>
      new AmendDocuments(tenderer).handle(tender.tradeId, amendment)
    )
    assert.equal(refused?.key, 'construction_bidding.errors.amendment_late')
    // A clarification that does not affect the bids needs no move
    assert.isNull(
      await refusalOf(() =>
        new AmendDocuments(tenderer).handle(tender.tradeId, {
          ...amendment,
          kind: 'clarification',
          affectsBids: false,
        })
      )
    )
    const moved = await inTenant(CODE, () =>
      new AmendDocuments(tenderer).handle(tender.tradeId, { ...amendment, moveDeadline: true })
    )
    assert.isTrue(moved.moved)
    const now = await platformNow()
    assert.isAtLeast(moved.deadlineAfter!.getTime() - now.getTime(), 14 * DAY * 1000)
    const trade = await tradeOf(tender.tradeId)
    assert.equal(trade.milestones.bid_deadline, moved.deadlineAfter!.toISOString())
    const changes = await inTenant(CODE, () =>
      db.from('announcements').where({ trade_id: tender.tradeId, kind: 'change' })
    )
    assert.lengthOf(changes, 2)
  })

  test('with 2 bids at the deadline the bids are not opened: the tender fails (流标)', async ({
    assert,
  }) => {
    const { tender } = await issuedTender(20)
    await sealedBids(tender.tradeId, 2)
    assert.equal(
      await refusalKey(() => fireTransition(tender.tradeId, 'open_bids', operator)),
      'construction_bidding.errors.before_deadline'
    )
    await inTenant(CODE, () => clock.advance(20 * DAY + 60))
    const refused = await refusalOf(() => fireTransition(tender.tradeId, 'open_bids', operator))
    assert.equal(refused?.key, 'construction_bidding.errors.too_few_bids')
    assert.equal(refused?.values.received, 2)

    await inTenant(CODE, () => new OpenBids({ ...operator, ip: null }).handle(tender.tradeId))
    const trade = await tradeOf(tender.tradeId)
    assert.equal(trade.state, 'failed')
    assert.notProperty(trade.milestones, 'opening_started')
    const failed = await inTenant(CODE, () =>
      db.from('announcements').where({ trade_id: tender.tradeId }).orderBy('id', 'desc').first()
    )
    assert.include(failed.title, '流标公告')
  })

  test('with 3 bids at the deadline the opening starts in the core', async ({ assert }) => {
    const { tender } = await issuedTender(20)
    await sealedBids(tender.tradeId, 3)
    await inTenant(CODE, () => clock.advance(20 * DAY + 60))
    await inTenant(CODE, () => new OpenBids({ ...operator, ip: null }).handle(tender.tradeId))
    const trade = await tradeOf(tender.tradeId)
    assert.equal(trade.state, 'opening')
    assert.property(trade.milestones, 'opening_started')
    assert.equal(
      await refusalKey(() => fireTransition(tender.tradeId, 'start_evaluation', operator)),
      'construction_bidding.errors.opening_not_closed'
    )
  })

  test('an objection pauses the tender until answered; the deadline moves by the pause', async ({
    assert,
  }) => {
    const { tender, account } = await issuedTender(25)
    const tenderer = { accountId: account.id, label: 'tenderer', role: 'tenderer' as const }
    const [objector] = await sealedBids(tender.tradeId, 1)
    const bidder = { accountId: objector.account.id, label: 'bidder', role: 'bidder' as const }
    const issued = await tradeOf(tender.tradeId)
    const before = new Date(issued.milestones.bid_deadline)

    const objectionId = await inTenant(CODE, () =>
      new FileObjection(bidder).handle(
        tender.tradeId,
        'documents',
        objector.entityId,
        '资格条件排斥潜在投标人'
      )
    )
    assert.equal(await stateOf(tender.tradeId), 'documents_objection')
    // Paused: the procedure takes no other step
    assert.equal(
      await refusalKey(() =>
        new AmendDocuments(tenderer).handle(tender.tradeId, {
          kind: 'clarification',
          summary: '说明',
          affectsBids: false,
          moveDeadline: false,
        })
      ),
      'trading.errors.wrong_state'
    )
    await inTenant(CODE, () => clock.advance(2 * DAY))
    await inTenant(CODE, () =>
      new AnswerObjection(tenderer).handle(tender.tradeId, objectionId, '已修改资格条件')
    )
    const resumed = await tradeOf(tender.tradeId)
    assert.equal(resumed.state, 'documents_issued')
    assert.equal(
      new Date(resumed.milestones.bid_deadline).getTime() - before.getTime(),
      2 * DAY * 1000
    )
    assert.equal(
      await refusalKey(() =>
        new AnswerObjection(tenderer).handle(tender.tradeId, objectionId, '再次答复')
      ),
      'construction_bidding.errors.objection_not_open'
    )

    // Less than 10 days before the (moved) deadline: too late to object
    await inTenant(CODE, () => clock.advance(17 * DAY))
    const late = await refusalOf(() =>
      new FileObjection(bidder).handle(tender.tradeId, 'documents', objector.entityId, '太晚的异议')
    )
    assert.equal(late?.values.rule, 'construction.objection_before_deadline')
  })

  test('a state-funded project awards the first-ranked candidate unless it dropped out', async ({
    assert,
  }) => {
    const { tender, tenderer } = await tenderOnProject({}, 'district_finance')
    const first = { rank: 1, name: '第一建设有限公司', code: randomUscc(), price: 9_000_000 }
    const second = { rank: 2, name: '第二建设有限公司', code: randomUscc(), price: 9_100_000 }
    // Evaluation is the expert pool's (committee_flow.spec.ts): here the report's candidates are given
    await inPublicity(tender.tradeId, [first, second])
    await inTenant(CODE, () => clock.advance(3 * DAY))
    const refused = await refusalOf(() =>
      new Award(tenderer).handle(tender.tradeId, { winnerCode: second.code })
    )
    assert.equal(refused?.key, 'construction_bidding.errors.first_ranked')
    assert.equal(refused?.values.first, first.name)
    assert.equal(
      await refusalKey(() =>
        new Award(tenderer).handle(tender.tradeId, {
          winnerCode: second.code,
          droppedOut: [{ code: first.code, reason: ' ' }],
        })
      ),
      'construction_bidding.errors.first_ranked'
    )
    await inTenant(CODE, () =>
      new Award(tenderer).handle(tender.tradeId, {
        winnerCode: second.code,
        droppedOut: [{ code: first.code, reason: '第一名放弃中标' }],
      })
    )
    assert.equal(await stateOf(tender.tradeId), 'awarded')
    const timer = await inTenant(CODE, () =>
      db.from('outbox').where('dedupe_key', `cb-contract_overdue-${tender.tradeId}`).first()
    )
    assert.equal(timer.job_name, 'construction-bidding.step_overdue')
  })
})
