import db from '@adonisjs/lucid/services/db'
import { maskedIdCard } from '#identity/codes/id_card'

export type ExpertStatus = 'active' | 'suspended' | 'blacklisted' | 'retired'

export interface ExpertRow {
  id: number
  name: string
  id_number: string
  mobile: string
  employer_uscc: string
  title: string
  title_level: string
  years_in_field: number
  specialty_codes: string[]
  region_codes: string[]
  busy_dates: string[]
  relative_employer_usccs: string[]
  shareholding_usccs: string[]
  status: ExpertStatus
  status_until: string | null
  status_reason: string | null
  account_id: number | null
}

/** Dates as ISO strings: the pg driver would turn them into local-midnight Dates */
const COLUMNS = [
  'id',
  'name',
  'id_number',
  'mobile',
  'employer_uscc',
  'title',
  'title_level',
  'years_in_field',
  'specialty_codes',
  'region_codes',
  db.raw(
    `array(select to_char(d, 'YYYY-MM-DD') from unnest(busy_dates) d order by d) as busy_dates`
  ),
  'relative_employer_usccs',
  'shareholding_usccs',
  'status',
  db.raw(`to_char(status_until, 'YYYY-MM-DD') as status_until`),
  'status_reason',
  'account_id',
]

export function expertsQuery() {
  return db.from('experts').select(COLUMNS)
}

export async function findExpert(id: number, lock = false): Promise<ExpertRow> {
  const query = expertsQuery().where('id', id)
  if (lock) query.forUpdate()
  const row = await query.first()
  if (!row) throw Object.assign(new Error('Expert not found'), { code: 'E_ROW_NOT_FOUND' })
  return row
}

/** What leaves the server: the ID number only masked, here as in lists */
export function serializeExpert(row: ExpertRow) {
  return {
    id: Number(row.id),
    name: row.name,
    idNumber: maskedIdCard(row.id_number),
    mobile: row.mobile,
    employerUscc: row.employer_uscc,
    title: row.title,
    titleLevel: row.title_level,
    yearsInField: row.years_in_field,
    specialtyCodes: row.specialty_codes,
    regionCodes: row.region_codes,
    busyDates: row.busy_dates,
    relativeEmployerUsccs: row.relative_employer_usccs,
    shareholdingUsccs: row.shareholding_usccs,
    status: row.status,
    statusUntil: row.status_until,
    statusReason: row.status_reason,
    accountId: row.account_id === null ? null : Number(row.account_id),
  }
}
