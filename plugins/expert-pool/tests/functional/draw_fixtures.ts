import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { currentScopeOrFail, withTenant } from '#tenancy/tenant_context'
import { startTrade } from '#trading/engine/procedure_engine'
import { registerProcedure } from '#trading/engine/define_procedure'
import { testTender } from '#tests/fixtures/test_procedure'
import { createAccount } from '#tests/helpers/accounts'
import { enablePlugin } from '#tests/helpers/plugins'
import { tenantScope } from '#tests/helpers/access'
import { inTenant } from '#tests/helpers/bids'
import { randomIdCard, randomMobile, randomUscc } from '#tests/helpers/identity'

/** Draw tests build their own corner of the pool and their own trade */

export const CITY = '500000'
export const API = `/t/${CITY}/expert-pool/api`
export const EVALUATION_DATE = '2031-06-02'

export async function ensureEnabled(code = CITY) {
  const enabled = await withTenant(await tenantScope(code), () =>
    db.from('tenant_plugins').where({ plugin_id: 'expert-pool', enabled: true }).first()
  )
  if (!enabled) await enablePlugin(code, 'expert-pool')
}

/**
 * A fresh leaf of the classification (with its parents), so each test's
 * snapshot holds only the experts it made: the pool is global.
 */
export async function freshLeaf(): Promise<string> {
  const digits = () => String(Math.floor(Math.random() * 100)).padStart(2, '0')
  const code = `C${digits()}${digits()}${digits()}`
  const owner = db.connection('owner')
  for (const part of [code.slice(0, 3), code.slice(0, 5), code]) {
    await owner
      .table('expert_specialties')
      .insert({ code: part, parent_code: part.slice(0, -2), name_zh: '测试', name_en: 'Test' })
      .onConflict('code')
      .ignore()
  }
  const taken = await owner.from('experts').whereRaw('? = any(specialty_codes)', [code]).first()
  return taken ? freshLeaf() : code
}

export interface ExpertSpec {
  specialty: string
  employerUscc?: string
  regions?: string[]
  busyDates?: string[]
  relatives?: string[]
  shareholdings?: string[]
  status?: 'active' | 'suspended' | 'blacklisted' | 'retired'
  until?: string | null
  accountId?: number | null
}

/** An expert written straight to the global table, as an import would */
export async function addExpert(spec: ExpertSpec): Promise<number> {
  const [row] = await db
    .connection('owner')
    .table('experts')
    .insert({
      name: `专家${randomUUID().slice(0, 4)}`,
      id_number: randomIdCard(),
      mobile: randomMobile(),
      employer_uscc: spec.employerUscc ?? randomUscc(),
      title: '高级工程师',
      title_level: 'deputy_senior',
      years_in_field: 10,
      specialty_codes: [spec.specialty],
      region_codes: spec.regions ?? ['500101'],
      busy_dates: spec.busyDates ?? [],
      relative_employer_usccs: spec.relatives ?? [],
      shareholding_usccs: spec.shareholdings ?? [],
      status: spec.status ?? 'active',
      status_until: spec.until ?? (spec.status === 'suspended' ? '2031-12-31' : null),
      status_reason: spec.status === 'blacklisted' ? '测试' : null,
      account_id: spec.accountId ?? null,
    })
    .returning('id')
  return Number(row.id)
}

/** An expert who can answer: linked to an account of their own */
export async function addAnsweringExpert(spec: ExpertSpec) {
  const account = await createAccount([], '评标专家')
  const id = await addExpert({ ...spec, accountId: account.id })
  return { id, account }
}

async function entity(uscc = randomUscc()) {
  const account = await createAccount([], '经办人')
  const [row] = await db
    .connection('owner')
    .table('market_entities')
    .insert({
      code_type: 'uscc',
      code: uscc,
      name: `测试单位${randomUUID().slice(0, 4)}`,
      entity_type: 'legal_person',
      registered_by: account.id,
    })
    .returning('id')
  return { id: Number(row.id), uscc, accountId: account.id }
}

export interface TradeParties {
  tradeId: number
  tendererUscc: string
  bidderUsccs: string[]
  withdrawnUscc: string
}

/** A trade with a project (the tenderer), live bids and one withdrawn bid */
export async function tradeWithParties(code = CITY, bidders = 2): Promise<TradeParties> {
  registerProcedure(testTender)
  const tenderer = await entity()
  const live = await Promise.all(Array.from({ length: bidders }, () => entity()))
  const withdrawn = await entity()
  return inTenant(code, async () => {
    const { rootTenantId, tenantId } = currentScopeOrFail()
    const scope = { root: rootTenantId, tenant: tenantId }
    const [project] = await db
      .table('projects')
      .insert({
        root_tenant_id: scope.root,
        tenant_id: scope.tenant,
        code: `P${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        serial: 1,
        entity_id: tenderer.id,
        name: '专家抽取测试工程',
        category: 'construction',
        approval_level: 'district',
        approving_authority: '区发展和改革委员会',
        fund_source: 'other',
        legally_bound: true,
        amount: '1000000.00',
        region_code: '500101',
        contact_name: '张三',
        contact_phone: '13800000000',
        created_by: tenderer.accountId,
      })
      .returning('id')
    const trade = await startTrade(
      'test-tender',
      `抽取测试${randomUUID().slice(0, 6)}`,
      { accountId: null, label: 'tenderer', role: 'tenderer' },
      { projectId: Number(project.id) }
    )
    for (const [index, bidder] of [...live, withdrawn].entries()) {
      await db.table('bids').insert({
        root_tenant_id: scope.root,
        tenant_id: scope.tenant,
        trade_id: trade.id,
        entity_id: bidder.id,
        submitted_by: bidder.accountId,
        key_wrapping: 'key_file',
        wrapped_key: Buffer.from('test'),
        envelopes: '[]',
        submitted_at: new Date(),
        status: index === live.length ? 'withdrawn' : 'sealed',
        withdrawn_at: index === live.length ? new Date() : null,
      })
    }
    return {
      tradeId: trade.id,
      tendererUscc: tenderer.uscc,
      bidderUsccs: live.map((bidder) => bidder.uscc),
      withdrawnUscc: withdrawn.uscc,
    }
  })
}

export function drawBody(tradeId: number, code: string, overrides: Record<string, unknown> = {}) {
  return {
    tradeId,
    lines: [{ code, count: 2 }],
    reservePerLine: 1,
    regionCodes: [],
    supervisingUsccs: [],
    evaluationDate: EVALUATION_DATE,
    fallbackToParent: false,
    maxDrawsPerTenderer: 3,
    ...overrides,
  }
}
