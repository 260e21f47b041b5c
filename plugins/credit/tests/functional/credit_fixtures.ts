import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { clock } from '#core/clock'
import { withTenant } from '#tenancy/tenant_context'
import { allowForDistricts, enablePlugin } from '#tests/helpers/plugins'
import { tenantScope } from '#tests/helpers/access'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'

/** Shortcuts of the credit plugin's own tests */
export const CITY = '500000'

/** Enables the plugin where it is not yet (spec files share one database) */
export async function ensureCreditEnabled(codes: string[]) {
  await allowForDistricts('credit')
  for (const code of codes) {
    const enabled = await withTenant(await tenantScope(code), () =>
      db.from('tenant_plugins').where({ plugin_id: 'credit', enabled: true }).first()
    )
    if (!enabled) await enablePlugin(code, 'credit')
  }
}

export function supervisorOf(code: string) {
  return createAccount([{ code, role: 'supervisor', categories: ['construction'] }], '监督员')
}

/** Today in Beijing by the platform clock, shifted by `days` */
export async function platformDay(days = 0) {
  const now = await inTenant(CITY, () => clock.now())
  return DateTime.fromJSDate(now).setZone('Asia/Shanghai').plus({ days }).toISODate()!
}

export async function entityCode(entityId: number): Promise<string> {
  const row = await db.connection('owner').from('market_entities').where('id', entityId).first()
  return row.code
}

export function penaltyBody(subjectCode: string, overrides: Record<string, unknown> = {}) {
  return {
    subjectCodeType: 'uscc',
    subjectCode,
    subjectName: '重庆示例建设工程有限公司',
    title: '串通投标',
    issuingDepartment: '重庆市住房和城乡建设委员会',
    sourceDocument: `渝建罚〔2027〕${Math.floor(Math.random() * 9000) + 1000}号`,
    legalBasis: '《招标投标法实施条例》第六十七条',
    penaltyType: 'disqualification',
    bans: true,
    ...overrides,
  }
}

export const fieldsOf = (body: { errors: Array<{ field: string; message: string }> }) =>
  Object.fromEntries(body.errors.map((error) => [error.field, error.message]))
