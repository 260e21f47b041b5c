import db from '@adonisjs/lucid/services/db'
import { errors } from '@vinejs/vine'
import type { MessagesProviderContact } from '@vinejs/vine/types'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import { csvObjects } from '../import/csv.js'
import { expertValidator, specialtyRowValidator } from '../validators/expert.js'
import { columnsOf } from './maintain_experts.js'

/** One import is one request: a file larger than this is split by the maintainer */
const MAX_ROWS = 5000

export const EXPERT_COLUMNS = [
  'name',
  'idNumber',
  'mobile',
  'employerUscc',
  'title',
  'titleLevel',
  'yearsInField',
  'specialtyCodes',
  'regionCodes',
  'busyDates',
  'relativeEmployerUsccs',
  'shareholdingUsccs',
] as const

export const SPECIALTY_COLUMNS = ['code', 'nameZh', 'nameEn'] as const

const LIST_COLUMNS = new Set([
  'specialtyCodes',
  'regionCodes',
  'busyDates',
  'relativeEmployerUsccs',
  'shareholdingUsccs',
])

export interface RowProblem {
  line: number
  field: string
  message: string
}

export interface ImportReport {
  total: number
  imported: number
  rejected: RowProblem[]
}

/** List cells hold several values separated by semicolons (ASCII or full-width) or bars */
function cellValue(column: string, cell: string): unknown {
  if (!LIST_COLUMNS.has(column))
    return column === 'yearsInField' && cell !== '' ? Number(cell) : cell
  return cell
    .split(/[;；|]/)
    .map((item) => item.trim())
    .filter(Boolean)
}

/**
 * CSV imports of the maintenance side. Every row is validated like a form
 * (the same validators, the request's language); bad rows are reported by
 * file line with the reason and skipped, good rows are kept. One audit event
 * per import carries the counts.
 */
export class ImportPool {
  constructor(
    private readonly actor: AuditActor,
    private readonly messages: MessagesProviderContact,
    private readonly translate: (key: string) => string
  ) {}

  private rowsOf(text: string, required: readonly string[]) {
    const { missing, rows } = csvObjects(text, required)
    if (missing.length > 0) {
      throw new RuleViolation('file', 'expert_pool.import.missing_columns', {
        columns: missing.join(', '),
      })
    }
    if (rows.length > MAX_ROWS) {
      throw new RuleViolation('file', 'expert_pool.import.too_many_rows', { max: String(MAX_ROWS) })
    }
    return rows
  }

  /** The row's problems as the validator words them, or its validated value */
  private async check<T>(
    validate: () => Promise<T>,
    line: number
  ): Promise<{ value: T } | { problems: RowProblem[] }> {
    try {
      return { value: await validate() }
    } catch (error) {
      if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
      const found = error.messages as Array<{ field: string; message: string }>
      return { problems: found.map(({ field, message }) => ({ line, field, message })) }
    }
  }

  async experts(text: string): Promise<ImportReport> {
    const rows = this.rowsOf(text, EXPERT_COLUMNS)
    const rejected: RowProblem[] = []
    const seen = new Set<string>()
    let imported = 0
    for (const { line, values } of rows) {
      const data = Object.fromEntries(
        EXPERT_COLUMNS.map((column) => [column, cellValue(column, values[column] ?? '')])
      )
      const checked = await this.check(
        () => expertValidator.validate(data, { messagesProvider: this.messages }),
        line
      )
      if ('problems' in checked) {
        rejected.push(...checked.problems)
        continue
      }
      const input = checked.value
      const taken =
        seen.has(input.idNumber) ||
        (await db.from('experts').where('id_number', input.idNumber).select('id').first())
      if (taken) {
        const message = this.translate('expert_pool.errors.id_number_taken')
        rejected.push({ line, field: 'idNumber', message })
        continue
      }
      seen.add(input.idNumber)
      await db.table('experts').insert(columnsOf(input))
      imported++
    }
    return this.audit('expert.import', { total: rows.length, imported, rejected })
  }

  /**
   * Classification codes: a new code needs its parent (in the table or
   * earlier in the same file, so files are read parents first); a known code
   * gets its names updated.
   */
  async specialties(text: string): Promise<ImportReport> {
    const rows = this.rowsOf(text, SPECIALTY_COLUMNS)
    const rejected: RowProblem[] = []
    let imported = 0
    const ordered = [...rows].sort(
      (a, b) => (a.values.code?.length ?? 0) - (b.values.code?.length ?? 0) || a.line - b.line
    )
    for (const { line, values } of ordered) {
      const checked = await this.check(
        () => specialtyRowValidator.validate(values, { messagesProvider: this.messages }),
        line
      )
      if ('problems' in checked) {
        rejected.push(...checked.problems)
        continue
      }
      const { code, nameZh, nameEn } = checked.value
      const parent = code.length === 1 ? null : code.slice(0, -2)
      if (parent && !(await db.from('expert_specialties').where('code', parent).first())) {
        const message = this.translate('expert_pool.import.no_parent')
        rejected.push({ line, field: 'code', message })
        continue
      }
      await db
        .table('expert_specialties')
        .insert({ code, parent_code: parent, name_zh: nameZh, name_en: nameEn })
        .onConflict('code')
        .merge(['name_zh', 'name_en'])
      imported++
    }
    rejected.sort((a, b) => a.line - b.line)
    return this.audit('expert_specialty.import', { total: rows.length, imported, rejected })
  }

  private async audit(action: string, report: ImportReport) {
    await recordAudit(this.actor, {
      action,
      subjectType: 'expert_import',
      subjectId: null,
      payload: {
        total: report.total,
        imported: report.imported,
        rejectedRows: new Set(report.rejected.map((problem) => problem.line)).size,
      },
    })
    return report
  }
}
