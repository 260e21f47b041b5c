import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { auditActions } from '#tests/helpers/identity'
import Account from '#identity/models/account'
import { verifyDraw } from '../../app/draw/verify.js'
import { decidedDrawForTrade } from '../../app/draws/decided_draws.js'
import { personKeySecret } from '../../app/draws/pool_snapshot.js'
import {
  API,
  CITY,
  addAnsweringExpert,
  drawBody,
  ensureEnabled,
  freshLeaf,
  tradeWithParties,
} from './draw_fixtures.js'

const run = promisify(execFile)

async function drawFor(client: ApiClient, drawer: Account, body: Record<string, unknown>) {
  const committed = await client
    .post(`${API}/draws`)
    .json(body)
    .accept('json')
    .withCsrfToken()
    .loginAs(drawer)
  committed.assertStatus(201)
  const id = committed.body().data.id
  const drawn = await client
    .post(`${API}/draws/${id}/draw`)
    .accept('json')
    .withCsrfToken()
    .loginAs(drawer)
  drawn.assertStatus(200)
  return { id, committed: committed.body().data, drawn: drawn.body().data }
}

async function invitationOf(client: ApiClient, account: Account, drawId: number) {
  const response = await client.get(`${API}/invitations`).accept('json').loginAs(account)
  response.assertStatus(200)
  return response
    .body()
    .data.find((row: { drawId: number; status: string }) => row.drawId === drawId)
}

async function answer(
  client: ApiClient,
  account: Account,
  seatId: number,
  how: 'confirm' | 'decline',
  status = 200
) {
  const response = await client
    .post(`${API}/seats/${seatId}/${how}`)
    .json(how === 'decline' ? { reason: '当天另有安排' } : {})
    .accept('json')
    .withCsrfToken()
    .loginAs(account)
  response.assertStatus(status)
}

async function recordOf(client: ApiClient, account: Account, drawId: number) {
  const response = await client.get(`${API}/draws/${drawId}/record`).accept('json').loginAs(account)
  response.assertStatus(200)
  return response.body()
}

/** Every invited expert among `experts` confirms; returns who confirmed */
async function confirmAllInvited(
  client: ApiClient,
  experts: Array<{ id: number; account: Account }>,
  drawId: number
) {
  const confirmed: number[] = []
  for (const expert of experts) {
    const invitation = await invitationOf(client, expert.account, drawId)
    if (invitation?.status !== 'invited') continue
    await answer(client, expert.account, invitation.seatId, 'confirm')
    confirmed.push(expert.id)
  }
  return confirmed
}

async function auditCount(action: string, drawId: number) {
  const trail = await auditActions('expert_draw', drawId)
  return trail.filter((event) => event.action === action).length
}

async function verifyFile(record: unknown) {
  const dir = await mkdtemp(join(tmpdir(), 'verify-db-draw-'))
  const file = join(dir, 'record.json')
  await writeFile(file, JSON.stringify(record))
  try {
    const { stdout } = await run(process.execPath, [
      '--import=@poppinss/ts-exec',
      'plugins/expert-pool/bin/verify_draw.ts',
      file,
    ])
    return { code: 0, stdout }
  } catch (error: any) {
    return { code: error.code as number, stdout: error.stdout as string }
  } finally {
    await rm(dir, { recursive: true })
  }
}

test.group('expert-pool: draws', (group) => {
  group.setup(() => ensureEnabled())

  test('committed before drawn; the sealed list is hidden from the drawer and the centre until decided', async ({
    client,
    assert,
  }) => {
    const leaf = await freshLeaf()
    const experts = await Promise.all(
      Array.from({ length: 4 }, () => addAnsweringExpert({ specialty: leaf }))
    )
    const { tradeId, tendererAccountId } = await tradeWithParties(CITY)
    const tenderer = await Account.findOrFail(tendererAccountId, { connection: 'owner' })
    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const centre = await createAccount([{ code: CITY, role: 'center_admin' }])
    const supervisor = await createAccount([{ code: CITY, role: 'supervisor' }])

    const committed = await client
      .post(`${API}/draws`)
      .json(drawBody(tradeId, leaf))
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    committed.assertStatus(201)
    const draw = committed.body().data
    assert.equal(draw.status, 'committed')
    assert.match(draw.commitment, /^[0-9a-f]{64}$/)
    assert.equal(draw.poolSize, 4)
    // The commitment is on record before anyone is picked
    assert.equal(await auditCount('expert_draw.committed', draw.id), 1)
    // Person keys are keyed digests of the ID numbers, which never enter the snapshot
    const stored = await inTenant(CITY, () =>
      db.from('expert_draws').where('id', draw.id).select('snapshot').first()
    )
    const idNumbers = await db
      .connection('owner')
      .from('experts')
      .whereIn(
        'id',
        experts.map((e) => e.id)
      )
      .select('id', 'id_number')
    for (const { id, id_number: idNumber } of idNumbers) {
      const entry = stored.snapshot.experts.find((e: { id: string }) => e.id === String(id))
      assert.equal(
        entry.personKey,
        createHmac('sha256', personKeySecret()).update(idNumber).digest('hex')
      )
      assert.notInclude(JSON.stringify(stored.snapshot), idNumber)
    }
    const seatsBefore = await inTenant(CITY, () =>
      db.from('expert_draw_seats').where('draw_id', draw.id)
    )
    assert.lengthOf(seatsBefore, 0)

    const drawn = await client
      .post(`${API}/draws/${draw.id}/draw`)
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    drawn.assertStatus(200)
    assert.deepInclude(drawn.body().data.lines[0], { invited: 2, standby: 1, confirmed: 0 })
    const again = await client
      .post(`${API}/draws/${draw.id}/draw`)
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    again.assertStatus(422)

    const names = await db
      .connection('owner')
      .from('experts')
      .whereIn(
        'id',
        experts.map((e) => e.id)
      )
      .select('name')
    for (const account of [drawer, centre]) {
      const sealed = await client
        .get(`${API}/draws/${draw.id}/sealed`)
        .accept('json')
        .loginAs(account)
      sealed.assertStatus(403)
      const status = await client.get(`${API}/draws/${draw.id}`).accept('json').loginAs(account)
      status.assertStatus(200)
      const list = await client.get(`${API}/draws`).accept('json').loginAs(account)
      list.assertStatus(200)
      for (const { name } of names) {
        assert.notInclude(JSON.stringify(status.body()), name)
        assert.notInclude(JSON.stringify(list.body()), name)
      }
    }
    const asTenderer = await client
      .get(`${API}/draws/${draw.id}/sealed`)
      .accept('json')
      .loginAs(tenderer)
    asTenderer.assertStatus(403)
    const tendererStatus = await client
      .get(`${API}/draws/${draw.id}`)
      .accept('json')
      .loginAs(tenderer)
    tendererStatus.assertStatus(403)
    assert.equal(await auditCount('expert_draw.sealed_read_refused', draw.id), 3)
    const earlyRecord = await client
      .get(`${API}/draws/${draw.id}/record`)
      .accept('json')
      .loginAs(drawer)
    assert.notProperty(earlyRecord.body(), 'seed')
    assert.notProperty(earlyRecord.body(), 'result')
    assert.equal(earlyRecord.body().commitment, draw.commitment)

    const watched = await client
      .get(`${API}/draws/${draw.id}/sealed`)
      .accept('json')
      .loginAs(supervisor)
    watched.assertStatus(200)
    assert.lengthOf(watched.body().data, 3)
    assert.include(
      names.map((row: { name: string }) => row.name),
      watched.body().data[0].name
    )

    const confirmed = await confirmAllInvited(client, experts, draw.id)
    assert.lengthOf(confirmed, 2)
    const opened = await client.get(`${API}/draws/${draw.id}/sealed`).accept('json').loginAs(drawer)
    opened.assertStatus(200)
    const record = await recordOf(client, drawer, draw.id)
    assert.match(record.seed, /^[0-9a-f]{64}$/)
    assert.deepEqual(verifyDraw(record), { match: true })
    const decided = await inTenant(CITY, () => decidedDrawForTrade(tradeId))
    assert.deepEqual(decided, { drawId: draw.id, expertIds: confirmed.sort((a, b) => a - b) })

    // Supervision's W13 counts the unsealed names per tenderer from this event
    const decisionEvent = await inTenant(CITY, () =>
      db
        .from('audit_events')
        .where({ action: 'expert_draw.decided', subject_id: String(draw.id) })
        .select('payload')
        .firstOrFail()
    )
    assert.equal(decisionEvent.payload.trade, tradeId)
    assert.match(decisionEvent.payload.tenderer, /^[0-9A-Z]{18}$/)
    assert.sameMembers(decisionEvent.payload.experts, confirmed)
  })

  test('a decline calls the reserve, the next one a top-up; the stored record replays, a changed snapshot does not', async ({
    client,
    assert,
  }) => {
    const leaf = await freshLeaf()
    const experts = await Promise.all(
      Array.from({ length: 5 }, () => addAnsweringExpert({ specialty: leaf }))
    )
    const { tradeId } = await tradeWithParties(CITY)
    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const { id } = await drawFor(client, drawer, drawBody(tradeId, leaf))

    const invited = async () => {
      const rows = []
      for (const expert of experts) {
        const invitation = await invitationOf(client, expert.account, id)
        if (invitation?.status === 'invited') rows.push({ ...expert, seatId: invitation.seatId })
      }
      return rows
    }
    const [first] = await invited()
    const stranger = experts.find((e) => e.id !== first.id)!
    await answer(client, stranger.account, first.seatId, 'confirm', 403)

    await answer(client, first.account, first.seatId, 'decline')
    assert.equal(await auditCount('expert_draw.reserve_called', id), 1)
    const afterReserve = await invited()
    assert.lengthOf(afterReserve, 2)
    assert.notInclude(
      afterReserve.map((e) => e.id),
      first.id
    )

    const second = afterReserve[0]
    await answer(client, second.account, second.seatId, 'decline')
    await answer(client, second.account, second.seatId, 'confirm', 422)
    assert.equal(await auditCount('expert_draw.top_up', id), 1)
    const afterTopUp = await invited()
    assert.lengthOf(afterTopUp, 2)
    const seats = await inTenant(CITY, () =>
      db.from('expert_draw_seats').where({ draw_id: id, kind: 'top_up' })
    )
    assert.lengthOf(seats, 1)

    const confirmed = await confirmAllInvited(client, experts, id)
    assert.lengthOf(confirmed, 2)
    assert.notInclude(confirmed, first.id)
    assert.notInclude(confirmed, second.id)

    const record = await recordOf(client, drawer, id)
    assert.lengthOf(record.result.topUps, 1)
    assert.deepEqual(verifyDraw(record), { match: true })
    assert.deepEqual(await verifyFile(record), { code: 0, stdout: 'match\n' })

    const changed = structuredClone(record)
    changed.snapshot.experts[0].busyDates = [changed.request.drawDate]
    const verdict = verifyDraw(changed)
    assert.isFalse(verdict.match)
    const viaCommand = await verifyFile(changed)
    assert.equal(viaCommand.code, 1)
    assert.match(viaCommand.stdout, /^mismatch: /)
  })

  test('three sides apart: a supervisor cannot draw, a drawer cannot maintain, a maintainer cannot draw', async ({
    client,
    assert,
  }) => {
    const leaf = await freshLeaf()
    await addAnsweringExpert({ specialty: leaf })
    const { tradeId } = await tradeWithParties(CITY)
    const supervisor = await createAccount([{ code: CITY, role: 'supervisor' }])
    const maintainer = await createAccount([{ code: CITY, role: 'expert_admin' }])
    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    for (const account of [supervisor, maintainer]) {
      const refused = await client
        .post(`${API}/draws`)
        .json(drawBody(tradeId, leaf, { lines: [{ code: leaf, count: 1 }], reservePerLine: 0 }))
        .accept('json')
        .withCsrfToken()
        .loginAs(account)
      refused.assertStatus(403)
    }
    const page = await client.get(`/t/${CITY}/expert-pool/supervision`).loginAs(drawer)
    page.assertStatus(403)
    const watch = await client.get(`/t/${CITY}/expert-pool/supervision`).loginAs(supervisor)
    watch.assertStatus(200)
    const drawPage = await client.get(`/t/${CITY}/expert-pool/draws`).loginAs(drawer)
    drawPage.assertStatus(200)
    for (const account of [drawer, supervisor]) {
      const edit = await client
        .post(`${API}/experts`)
        .json({ name: '抽取人' })
        .accept('json')
        .withCsrfToken()
        .loginAs(account)
      edit.assertStatus(403)
    }
    const committed = await client
      .post(`${API}/draws`)
      .json(drawBody(tradeId, leaf, { lines: [{ code: leaf, count: 1 }], reservePerLine: 0 }))
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    committed.assertStatus(201)
    const supervisorDraws = await client
      .post(`${API}/draws/${committed.body().data.id}/draw`)
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    supervisorDraws.assertStatus(403)
    const link = await client
      .put(`${API}/experts/1/account`)
      .json({ accountId: drawer.id })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    link.assertStatus(403)
    const count = await inTenant(CITY, () =>
      db.from('expert_draws').where({ trade_id: tradeId, status: 'drawn' }).count('* as total')
    )
    assert.equal(Number(count[0].total), 0)
  })

  test('bad draw requests: 422 per field, in Chinese and in English', async ({
    client,
    assert,
  }) => {
    const drawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const { tradeId } = await tradeWithParties(CITY)
    const bad = drawBody(tradeId, 'Z999', {
      lines: [
        { code: 'Z999', count: 1 },
        { code: 'B999999', count: 1 },
      ],
      evaluationDate: '2020-01-01',
      supervisingUsccs: ['91500101MA5U7XXXX0'],
      maxDrawsPerTenderer: 0,
    })
    const fields = (body: { errors: Array<{ field: string; message: string }> }) =>
      Object.fromEntries(body.errors.map((error) => [error.field, error.message]))

    const zh = await client
      .post(`${API}/draws`)
      .json(bad)
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    zh.assertStatus(422)
    const zhFields = fields(zh.body())
    assert.equal(zhFields.evaluationDate, '评标日期不能早于今天')
    assert.equal(zhFields.lines, '专业分类代码不存在：Z999, B999999')
    assert.match(zhFields['supervisingUsccs.0'], /统一社会信用代码/)
    assert.equal(zhFields.maxDrawsPerTenderer, '同一招标人12个月内最多参评次数不能小于1')

    const en = await client
      .post(`/api/v1${API}/draws`)
      .json(bad)
      .header('accept-language', 'en')
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    en.assertStatus(422)
    const enFields = fields(en.body())
    assert.equal(enFields.evaluationDate, 'Evaluation date cannot be before today')
    assert.equal(enFields.lines, 'Unknown specialty code: Z999, B999999')
    assert.equal(
      enFields.maxDrawsPerTenderer,
      'Most seats for one tenderer in 12 months must be at least 1'
    )

    const noProject = await inTenant(CITY, async () => {
      const [row] = await db
        .from('trades')
        .where('id', tradeId)
        .update({ project_id: null })
        .returning('id')
      return Number(row.id)
    })
    const refused = await client
      .post(`/api/v1${API}/draws`)
      .json(drawBody(noProject, 'A010101'))
      .header('accept-language', 'en')
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    refused.assertStatus(422)
    assert.equal(
      refused.body().errors[0].message,
      'The trade has no project, so its tenderer is unknown'
    )
  })
})
