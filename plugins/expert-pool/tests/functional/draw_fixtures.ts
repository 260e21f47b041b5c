import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import { createAccount } from '#tests/helpers/accounts'
import { enablePlugin } from '#tests/helpers/plugins'
import { tenantScope } from '#tests/helpers/access'
import { randomIdCard, randomMobile, randomUscc } from '#tests/helpers/identity'
import { tradeWithParties } from '#tests/helpers/expert_draws'

export { tradeWithParties }

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
