import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR } from '#audit/audit_log'
import { clock } from '#core/clock'
import { upsertAccount } from '#core/seeding/seed_platform'
import { UNBOUND_GLOBAL_SCOPE, withTenant } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { DrawExperts } from '../../app/actions/draw_experts.js'
import { AnswerSeat } from '../../app/actions/answer_seat.js'
import { MaintainExperts } from '../../app/actions/maintain_experts.js'
import { FormCommittee } from '../../app/committees/form_committee.js'
import { membersOf } from '../../app/committees/evaluation_rows.js'
import { decidedDrawForTrade } from '../../app/draws/decided_draws.js'
import { DeclareNoConflict } from '../../app/evaluation/declare_no_conflict.js'
import { RecordVerdict } from '../../app/evaluation/record_verdict.js'
import { SignReport } from '../../app/evaluation/sign_report.js'
import { VoteChair } from '../../app/evaluation/vote_chair.js'

/**
 * The pool's part of the demo (phase 20, after the trade plugins opened their
 * evaluations): five experts who sign in as expert1..5@demo.ggzy.cn, and in
 * 万州区 a committee drawn, seated, scoring and signing for every open
 * evaluation not yet drawn for but the last, which stays waiting for its
 * committee. Each
 * committee meets an hour after its evaluation opened, on the clock frozen
 * then (demo and test deployments only), through the pool's own actions.
 */
const CODE = '500101'
/** A leaf of its own under 建筑工程, so the demo draws find the demo experts */
const SPECIALTY = { code: 'A040101', zh: '房屋建筑工程施工', en: 'Building construction' }
const HOUR_MS = 3_600_000
const OWNER = () => db.connection('owner')

const EXPERTS = [
  { name: '陈建华', idNumber: '500101196803120135', mobile: '13983000001' },
  { name: '刘志强', idNumber: '500101197105240257', mobile: '13983000002' },
  { name: '王淑芬', idNumber: '50010119750809037X', mobile: '13983000003' },
  { name: '赵德明', idNumber: '500101197811170495', mobile: '13983000004' },
  { name: '孙晓燕', idNumber: '500101198202030512', mobile: '13983000005' },
].map((expert, i) => ({
  ...expert,
  email: `expert${i + 1}@demo.ggzy.cn`,
  employerUscc: `91500101MA5U8EX${String(i + 1).padStart(3, '0')}`,
}))
const DRAWER = { email: 'wanzhou.drawer@demo.ggzy.cn', name: '万州专家抽取员' }

export default async function seedExpertPoolDemo() {
  const known = await OWNER()
    .from('experts')
    .whereIn(
      'id_number',
      EXPERTS.map((e) => e.idNumber)
    )
    .first()
  if (known) return
  const tenant = (await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.findByCode(CODE)))!
  const root = await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.root())

  await OWNER().rawQuery(
    `insert into expert_specialties (code, parent_code, name_zh, name_en)
     values (?, 'A0401', ?, ?) on conflict (code) do nothing`,
    [SPECIALTY.code, SPECIALTY.zh, SPECIALTY.en]
  )
  // The city's pool: experts are maintained at the city centre
  const cityScope = { scope: 'tenant' as const, tenantId: root.id, rootTenantId: root.id }
  for (const expert of EXPERTS) {
    const accountId = Number(await upsertAccount(expert.email, expert.name))
    await withTenant(cityScope, async () => {
      const maintain = new MaintainExperts(SYSTEM_ACTOR)
      const created = await maintain.create({
        name: expert.name,
        idNumber: expert.idNumber,
        mobile: expert.mobile,
        employerUscc: expert.employerUscc,
        title: '高级工程师',
        titleLevel: 'deputy_senior',
        yearsInField: 15,
        specialtyCodes: [SPECIALTY.code],
        regionCodes: [CODE],
        busyDates: [],
        relativeEmployerUsccs: [],
        shareholdingUsccs: [],
      })
      await maintain.linkAccount(created.id, accountId)
    })
  }

  const mode = await OWNER().from('platform_clock').where('id', 1).first()
  if (mode?.mode === 'production') return
  const drawerId = Number(await upsertAccount(DRAWER.email, DRAWER.name))
  await OWNER().rawQuery(
    `insert into staff_memberships (account_id, tenant_id, role, categories)
     values (?, ?, 'expert_drawer', '{}') on conflict (account_id, tenant_id, role) do nothing`,
    [drawerId, tenant.id]
  )
  const drawer = { accountId: drawerId, label: DRAWER.name }
  const inWanzhou = <T>(fn: () => Promise<T>) =>
    withTenant({ scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId }, fn)

  const waiting = await inWanzhou(() =>
    db
      .from('expert_evaluations')
      .where('tenant_id', tenant.id)
      .whereNull('committee_formed_at')
      .whereNull('final_at')
      .whereNotExists((draws) =>
        draws.from('expert_draws').whereRaw('expert_draws.trade_id = expert_evaluations.trade_id')
      )
      .orderBy('id')
      .select('id', 'trade_id', 'method', 'opened_at')
  )
  for (const evaluation of waiting.slice(0, -1)) {
    const meetsAt = new Date(new Date(evaluation.opened_at).getTime() + HOUR_MS)
    await inWanzhou(() => clock.freeze(meetsAt))
    await seatCommittee(inWanzhou, drawer, Number(evaluation.trade_id), meetsAt)
    await signReport(inWanzhou, Number(evaluation.id), evaluation.method)
  }
  await inWanzhou(() => clock.reset())
}

type InTenant = <T>(fn: () => Promise<T>) => Promise<T>

/** The draw for the trade, each drawn expert confirming, then the committee of the decided draw */
async function seatCommittee(
  inWanzhou: InTenant,
  drawer: { accountId: number; label: string },
  tradeId: number,
  meetsAt: Date
) {
  const drawId = await inWanzhou(async () => {
    const draws = new DrawExperts(drawer)
    const id = await draws.commit({
      tradeId,
      lines: [{ code: SPECIALTY.code, count: EXPERTS.length }],
      reservePerLine: 0,
      regionCodes: [],
      supervisingUsccs: [],
      evaluationDate: meetsAt,
      fallbackToParent: false,
      maxDrawsPerTenderer: 100,
    })
    await draws.draw(id)
    return id
  })
  const seats = await inWanzhou(() =>
    db
      .from('expert_draw_seats as s')
      .join('experts as e', 'e.id', 's.expert_id')
      .where('s.draw_id', drawId)
      .orderBy('s.id')
      .select('s.id', 'e.account_id')
  )
  for (const seat of seats) {
    await inWanzhou(() =>
      new AnswerSeat({ accountId: Number(seat.account_id), label: 'expert' }).confirm(
        Number(seat.id)
      )
    )
  }
  await inWanzhou(async () => {
    const draw = (await decidedDrawForTrade(tradeId))!
    const evaluation = await db.from('expert_evaluations').where('trade_id', tradeId).first()
    await new FormCommittee(drawer).handle(Number(evaluation.id), {
      expertIds: draw.expertIds,
      representativeAccountIds: [],
    })
  })
}

/** Every member declares, scores each opened bid and votes the first member chair; then all sign */
async function signReport(inWanzhou: InTenant, evaluationId: number, method: string) {
  const { members, bids } = await inWanzhou(async () => {
    const evaluation = await db.from('expert_evaluations').where('id', evaluationId).first()
    return {
      members: await membersOf(evaluationId),
      bids: await db
        .from('bids')
        .where('trade_id', evaluation.trade_id)
        .orderBy('id')
        .select('id', 'readout'),
    }
  })
  const actors = members
    .filter((member) => member.kind === 'expert')
    .map((member) => ({ accountId: member.account_id, label: 'expert' }))
  const chair = members[0].id
  for (const [rank, actor] of actors.entries()) {
    await inWanzhou(async () => {
      await new DeclareNoConflict(actor).handle(evaluationId)
      for (const [i, bid] of bids.entries()) {
        await new RecordVerdict(actor).handle(
          evaluationId,
          Number(bid.id),
          method === 'comprehensive_scoring'
            ? { technical: 26 - i - (rank % 2), commercial: 8 }
            : { evaluatedPrice: Number(bid.readout.price) }
        )
      }
      await new VoteChair(actor).handle(evaluationId, chair)
    })
  }
  for (const actor of actors) await inWanzhou(() => new SignReport(actor).handle(evaluationId))
}
