import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import type { I18n } from '@adonisjs/i18n'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import { RecordCredit, type CreditRecordInput } from './record_credit.js'
import { parseCsv } from '../support/csv.js'
import {
  COLUMN_OF_FIELD,
  SPEC_COLUMNS,
  type SpecColumn,
  type SpecRow,
  requestBodyOf,
} from '../support/exchange.js'
import {
  creditRecordValidator,
  penaltyValidator,
  revocationValidator,
} from '../validators/credit.js'

export interface RejectedRow {
  /** The file line a CSV row starts on; the position (from 1) of a JSON record */
  line: number
  errors: Array<{ column: SpecColumn | ''; message: string }>
}

interface NumberedRow {
  line: number
  row: SpecRow
}

function csvRows(content: string): NumberedRow[] {
  const [header, ...rows] = parseCsv(content)
  const columns = header?.cells.map((cell) => cell.trim().toUpperCase()) ?? []
  if (!columns.includes('DATA_SET')) throw new RuleViolation('content', 'credit.errors.csv_header')
  return rows.map(({ line, cells }) => ({
    line,
    row: Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])) as SpecRow,
  }))
}

function jsonRows(content: string): NumberedRow[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(content)
  } catch {
    throw new RuleViolation('content', 'credit.errors.json')
  }
  const records = Array.isArray(parsed) ? parsed : (parsed as { records?: unknown })?.records
  if (!Array.isArray(records)) throw new RuleViolation('content', 'credit.errors.json')
  return records.map((record, i) => {
    const row: SpecRow = {}
    if (record && typeof record === 'object') {
      for (const column of SPEC_COLUMNS) {
        const value = (record as Record<string, unknown>)[column]
        if (value !== undefined && value !== null) row[column] = String(value)
      }
    }
    return { line: i + 1, row }
  })
}

/**
 * Imports credit records in the §17 exchange shape. Every row is checked by
 * the validator of its kind; good rows are recorded (each audited, with an
 * expiry timer when it ends) and bad ones are reported by line and column,
 * the rest of the file still kept. One audit event sums the import.
 */
export class ImportCredit {
  constructor(
    private readonly actor: AuditActor,
    private readonly i18n: I18n
  ) {}

  async handle(format: 'json' | 'csv', content: string) {
    const rows = format === 'csv' ? csvRows(content) : jsonRows(content)
    const recorder = new RecordCredit(this.actor)
    const rejected: RejectedRow[] = []
    let imported = 0
    for (const { line, row } of rows) {
      // A row the database refuses must not take the rows before it down with it
      await db.rawQuery('savepoint credit_import_row')
      try {
        await this.importRow(recorder, row)
        await db.rawQuery('release savepoint credit_import_row')
        imported++
      } catch (error) {
        await db.rawQuery('rollback to savepoint credit_import_row')
        rejected.push({ line, errors: this.errorsOf(error) })
      }
    }
    await recordAudit(this.actor, {
      action: 'credit.import',
      subjectType: 'credit_import',
      payload: { format, imported, rejectedLines: rejected.map((row) => row.line) },
    })
    return { imported, rejected }
  }

  private async importRow(recorder: RecordCredit, row: SpecRow) {
    const body = requestBodyOf(row)
    const options = { messagesProvider: this.i18n.createMessagesProvider() }
    if (body.kind === 'blacklist_revocation') {
      const input = await revocationValidator.validate(body, options)
      const entry = await db
        .from('credit_records')
        .where({
          subject_code: body.subjectCode ?? '',
          kind: 'blacklist',
          source_document: body.revokesDocument ?? '',
        })
        .select('id')
        .first()
      if (!entry) throw new RuleViolation('revokesDocument', 'credit.errors.revokes_unknown')
      return recorder.revokeBlacklist(Number(entry.id), input)
    }
    if (body.kind === 'violation') {
      const input = await penaltyValidator.validate(body, options)
      return recorder.create({ ...input, kind: 'violation' }, { via: 'import' })
    }
    const input = await creditRecordValidator.validate(body, options)
    return recorder.create(input as CreditRecordInput, { via: 'import' })
  }

  private errorsOf(error: unknown): RejectedRow['errors'] {
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      return (error.messages as Array<{ field: string; message: string }>).map((message) => ({
        column: COLUMN_OF_FIELD[message.field.split('.')[0]] ?? '',
        message: message.message,
      }))
    }
    if (
      typeof (error as { code?: unknown }).code === 'string' &&
      /^2[23]/.test((error as any).code)
    ) {
      // A value the validators let through and a constraint refuses (data or integrity class)
      return [{ column: '', message: this.i18n.t('credit.errors.row_refused') }]
    }
    if (error instanceof RuleViolation) {
      return [
        {
          column: COLUMN_OF_FIELD[error.field] ?? '',
          message: this.i18n.t(error.messageKey, error.values),
        },
      ]
    }
    throw error
  }
}
