import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR } from '#audit/audit_log'
import { clock } from '#core/clock'
import { DEMO_ACCOUNTS, DEMO_ENTITY, upsertAccount } from '#core/seeding/seed_platform'
import { EnablePlugin, SetDistrictPolicy } from '#plugin_host/actions/plugin_enablement'
import { UNBOUND_GLOBAL_SCOPE, withTenant } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import type Tenant from '#tenancy/models/tenant'
import { type TradeActor, fireTransition } from '#trading/engine/procedure_engine'
import { RegisterProject } from '#trading/projects/actions/register_project'
import { CloseOpening, DecryptBid, SubmitBid } from '#trading/sealed_bids/bids'
import { newKeyFile, sealBid, unwrapBidKey } from '#trading/sealed_bids/bid_crypto'
import { FileObjection } from '../../app/actions/objections.js'
import { RecordDeposit } from '../../app/actions/record_deposit.js'
import { OpenBids } from '../../app/actions/open_bids.js'
import { StartEvaluation } from '../../app/actions/evaluation.js'
import { RegisterTender, type RegisterTenderInput } from '../../app/actions/register_tender.js'
import { TakeStep } from '../../app/actions/take_step.js'

/**
 * The demo of `npm start` (README): in 万州区, one construction tender at
 * each stage the platform reaches on its own, run through the real actions.
 * Stages that need time to pass (a failed tender, an opening) are run on a
 * frozen clock in the past, which only demo and test deployments allow. The
 * committee's evaluation is the expert pool's: this first phase opens the
 * evaluations of `EVALUATED` through the capability, the pool's phase 20
 * seats and signs the committees, and demo_results.ts (phase 30) takes the
 * signed ones on to their results.
 */
const CODE = '500101'
const DAY_MS = 86_400_000
const OWNER = () => db.connection('owner')

/** Tenders opened and handed to the committee: one waits for it, five reach a result each */
const EVALUATED = [
  '万州区龙宝片区学校新建工程施工',
  '万州区沱口水厂扩建工程施工',
  '万州区长江二桥引道改造工程施工',
  '万州区周家坝农贸市场改造工程施工',
  '万州区太白岩步道提升工程施工',
  '万州区双河口污水处理厂提标改造工程施工',
]

export const TENDERER = {
  email: 'tenderer@demo.ggzy.cn',
  name: '万州区示例城市建设投资有限公司',
  code: '91500101MA5U8TND21',
}
const BIDDERS = [
  { email: 'bidder2@demo.ggzy.cn', name: '重庆示例路桥有限公司', code: '91500101MA5U8BD202' },
  { email: 'bidder3@demo.ggzy.cn', name: '重庆示例市政工程有限公司', code: '91500101MA5U8BD303' },
]

async function entityOf(email: string, name: string, code: string) {
  const accountId = await upsertAccount(email, name.replace(/有限公司$/, '经办人'))
  await OWNER().rawQuery(
    `insert into market_entities (code_type, code, name, entity_type, region_code, registered_by)
     values ('uscc', ?, ?, 'legal_person', ?, ?) on conflict (code) do nothing`,
    [code, name, CODE, accountId]
  )
  const entity = await OWNER().from('market_entities').where('code', code).firstOrFail()
  await OWNER().rawQuery(
    `insert into entity_members (entity_id, account_id, role) values (?, ?, 'owner')
     on conflict (entity_id, account_id) do nothing`,
    [entity.id, accountId]
  )
  return { accountId, entityId: Number(entity.id), code }
}

const iso = (instant: Date, days: number) =>
  new Date(instant.getTime() + days * DAY_MS).toISOString()

export default async function seedConstructionDemo() {
  const tenant = (await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.findByCode(CODE)))!
  const root = await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.root())
  const scope = { scope: 'tenant' as const, tenantId: tenant.id, rootTenantId: tenant.rootId }
  const inWanzhou = <T>(fn: () => Promise<T>) => withTenant(scope, fn)

  const tenderer = await entityOf(TENDERER.email, TENDERER.name, TENDERER.code)
  const seeded = await inWanzhou(() =>
    db.from('projects').where('entity_id', tenderer.entityId).first()
  )
  if (seeded) return

  // The expert pool first: the plugin requires it
  for (const pluginId of ['expert-pool', 'construction-bidding']) {
    await withTenant({ scope: 'city', tenantId: root.id, rootTenantId: root.id }, () =>
      new SetDistrictPolicy(SYSTEM_ACTOR).handle(pluginId, true)
    )
    const enabled = await inWanzhou(() =>
      db.from('tenant_plugins').where({ plugin_id: pluginId, enabled: true }).first()
    )
    if (!enabled) {
      await inWanzhou(() =>
        new EnablePlugin(SYSTEM_ACTOR, 'zh-CN').handle(tenant, pluginId, undefined)
      )
    }
  }

  const demoBidder = await OWNER().from('market_entities').where('code', DEMO_ENTITY.code).first()
  const bidders = [
    ...(demoBidder
      ? [
          {
            accountId: Number(demoBidder.registered_by),
            entityId: Number(demoBidder.id),
            code: DEMO_ENTITY.code,
          },
        ]
      : []),
    ...(await Promise.all(BIDDERS.map((b) => entityOf(b.email, b.name, b.code)))),
  ]
  const actor: TradeActor = {
    accountId: tenderer.accountId,
    label: TENDERER.name,
    role: 'tenderer',
  }
  const operator: TradeActor = { ...SYSTEM_ACTOR, role: 'operator' }
  // The centre's demo admin records the bid deposits the tenders demand
  const admin = DEMO_ACCOUNTS.find((a) => 'role' in a && a.role === 'center_admin')!
  const centre = {
    accountId: Number(await upsertAccount(admin.email, admin.displayName)),
    label: admin.displayName,
  }

  const tenderNamed = (title: string, overrides: Partial<RegisterTenderInput> = {}) =>
    registerTender(tenant, tenderer.entityId, actor, title, overrides)

  // 草稿, 公告已发布 (邀请招标), 资格预审文件发售中, 投标中, 异议处理中
  await inWanzhou(async () => {
    await tenderNamed('万州区江南新区排水管网改造工程施工')
    const invited = await tenderNamed('万州区北山路人行天桥钢结构制作安装', {
      tenderMode: 'invited',
      inviteeCodes: bidders.map((b) => b.code),
    })
    await fireTransition(invited, 'send_invitations', actor)
    const prequal = await tenderNamed('万州区三峡移民纪念馆改扩建工程施工总承包', {
      prequalification: true,
    })
    await fireTransition(prequal, 'publish_notice', actor)
    const now = await clock.now()
    await fireTransition(prequal, 'issue_prequal_documents', actor, {
      saleEndsAt: iso(now, 5),
      applicationsDueAt: iso(now, 11),
    })
    for (const title of [
      '万州区高峰园区道路及配套工程施工',
      '万州区牌楼街道老旧小区改造工程施工',
    ]) {
      const tradeId = await tenderNamed(title)
      await fireTransition(tradeId, 'publish_notice', actor)
      await new TakeStep(actor).handle(tradeId, 'issue_documents', {
        saleEndsAt: iso(now, 5),
        bidDeadline: iso(now, 25),
      })
      if (title.includes('老旧小区')) {
        const objector = bidders[bidders.length - 1]
        await new FileObjection({
          accountId: objector.accountId,
          label: 'bidder',
          role: 'bidder',
        }).handle(
          tradeId,
          'documents',
          objector.entityId,
          '招标文件要求的类似业绩范围过窄，排斥潜在投标人'
        )
      }
    }
  })

  // 流标 (2 bids), 开标完成、待评标 (3 bids) and 评标中: run on a clock frozen in the past
  const mode = await OWNER().from('platform_clock').where('id', 1).first()
  if (mode?.mode === 'production') return
  const realNow = new Date()
  for (const [title, count] of [
    ['万州区天城片区防洪护岸综合整治工程', 2],
    ['万州区五桥机场连接道路改造工程施工', 3],
    ...EVALUATED.map((evaluated) => [evaluated, 3] as const),
  ] as const) {
    const start = new Date(realNow.getTime() - 30 * DAY_MS)
    const dataKeys: string[] = []
    const tradeId = await inWanzhou(async () => {
      await clock.freeze(start)
      const id = await tenderNamed(title)
      await fireTransition(id, 'publish_notice', actor)
      await new TakeStep(actor).handle(id, 'issue_documents', {
        saleEndsAt: iso(start, 5),
        bidDeadline: iso(start, 20),
      })
      await clock.freeze(new Date(start.getTime() + 10 * DAY_MS))
      for (const [i, bidder] of bidders.slice(0, count).entries()) {
        const body = (text: string) => new TextEncoder().encode(text)
        const keyFile = newKeyFile()
        const sealed = await sealBid(
          {
            readout: body(
              JSON.stringify({ price: 18_500_000 + i * 230_000, duration: '365日历天' })
            ),
            file: body(`${title} 投标文件`),
          },
          { keyFile }
        )
        dataKeys.push(await unwrapBidKey(sealed, { keyFile }))
        await new RecordDeposit(centre).handle(id, bidder.entityId, true)
        await new SubmitBid({
          entityId: bidder.entityId,
          actor: { accountId: bidder.accountId, label: 'bidder' },
        }).handle(id, sealed)
      }
      await clock.freeze(new Date(start.getTime() + 20 * DAY_MS + 60_000))
      await new OpenBids({ ...operator, ip: null }).handle(id)
      return id
    })
    if (count < 3) continue
    await inWanzhou(async () => {
      for (const [i, bidder] of bidders.slice(0, count).entries()) {
        await new DecryptBid({
          entityId: bidder.entityId,
          actor: { accountId: bidder.accountId, label: 'bidder' },
        }).handle(tradeId, dataKeys[i])
      }
      await new CloseOpening(SYSTEM_ACTOR).handle(tradeId)
      if (EVALUATED.includes(title)) await new StartEvaluation(operator).handle(tradeId)
    })
  }
  await inWanzhou(() => clock.reset())
}

async function registerTender(
  tenant: Tenant,
  entityId: number,
  actor: TradeActor,
  title: string,
  overrides: Partial<RegisterTenderInput>
) {
  const project = await new RegisterProject(actor).handle(tenant, entityId, {
    name: title.replace(/施工总承包$|施工$/, ''),
    category: 'construction',
    approvalLevel: 'district',
    approvingAuthority: '万州区发展和改革委员会',
    investProjectCode: `2026-500101-48-01-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    fundSource: 'district_finance',
    legallyBound: true,
    amount: '25000000.00',
    regionCode: CODE,
    contactName: '李工',
    contactPhone: '02358000000',
  })
  const tender = await new RegisterTender(actor).handle({
    projectId: project.id,
    title,
    sectionName: '施工一标段',
    tenderMode: 'public',
    prequalification: false,
    content: title,
    estimate: '20000000.00',
    deposit: '400000.00',
    evaluationMethod: 'comprehensive_scoring',
    weights: { price: 60, technical: 30, commercial: 10 },
    tendererRepresentatives: 0,
    ...overrides,
  })
  return tender.tradeId
}
