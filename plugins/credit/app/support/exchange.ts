import type { CreditRecordRow, RecordKind } from './credit_rows.js'

/**
 * The exchange shape of the national data spec §17 (信用信息): one flat row
 * per record with the spec's common keys (PLATFORM_CODE, DATA_TIMESTAMP, the
 * subject triple *_NAME, *_CODE_TYPE, *_CODE) and the record's fields. The
 * data-set names and the code-type values follow the spec's naming; their
 * exact annex spellings are still to be confirmed against 发改办法规〔2018〕1156号
 * (domain.md §3, [M]), and change here alone.
 */
export const SPEC_COLUMNS = [
  'DATA_SET',
  'SUBJECT_NAME',
  'SUBJECT_CODE_TYPE',
  'SUBJECT_CODE',
  'RECORD_TITLE',
  'RECORD_CONTENT',
  'PUNISH_TYPE',
  'FINE_AMOUNT',
  'LEGAL_BASIS',
  'DEPT_NAME',
  'DOC_NO',
  'DECISION_DATE',
  'START_DATE',
  'END_DATE',
  'LIMIT_ROLES',
  'LIMIT_CATEGORIES',
  'REGION_CODE',
  'REVOKES_DOC_NO',
  'RECORD_STATUS',
  'PLATFORM_CODE',
  'DATA_TIMESTAMP',
] as const
export type SpecColumn = (typeof SPEC_COLUMNS)[number]
export type SpecRow = Partial<Record<SpecColumn, string>>

/** 违法违规, 黑名单, 撤销黑名单, 奖励, 履约 */
export const DATA_SETS: Record<RecordKind, string> = {
  violation: 'CREDIT_VIOLATION',
  blacklist: 'CREDIT_BLACKLIST',
  blacklist_revocation: 'CREDIT_BLACKLIST_REVOKE',
  reward: 'CREDIT_REWARD',
  performance: 'CREDIT_PERFORMANCE',
}

/** 主体代码类型: 统一社会信用代码, 居民身份证 */
export const CODE_TYPES: Record<'uscc' | 'id_card', string> = { uscc: '01', id_card: '02' }

const kindOfDataSet = new Map(Object.entries(DATA_SETS).map(([kind, set]) => [set, kind]))
const codeTypeOf = new Map(Object.entries(CODE_TYPES).map(([type, code]) => [code, type]))

/** Where a field of ours comes from in a spec row, for naming the column of a bad cell */
export const COLUMN_OF_FIELD: Record<string, SpecColumn> = {
  kind: 'DATA_SET',
  subjectName: 'SUBJECT_NAME',
  subjectCodeType: 'SUBJECT_CODE_TYPE',
  subjectCode: 'SUBJECT_CODE',
  title: 'RECORD_TITLE',
  content: 'RECORD_CONTENT',
  penaltyType: 'PUNISH_TYPE',
  fineAmount: 'FINE_AMOUNT',
  legalBasis: 'LEGAL_BASIS',
  issuingDepartment: 'DEPT_NAME',
  sourceDocument: 'DOC_NO',
  decidedOn: 'DECISION_DATE',
  startsOn: 'START_DATE',
  endsOn: 'END_DATE',
  restrictedRoles: 'LIMIT_ROLES',
  categories: 'LIMIT_CATEGORIES',
  regionPrefix: 'REGION_CODE',
  revokesDocument: 'REVOKES_DOC_NO',
  reason: 'RECORD_CONTENT',
}

const list = (values: string[]) => values.join(';')

export function specRowOf(
  record: CreditRecordRow,
  context: { platformCode: string; timestamp: string; revokesDocument?: string }
): Record<SpecColumn, string> {
  return {
    DATA_SET: DATA_SETS[record.kind as RecordKind],
    SUBJECT_NAME: record.subjectName,
    SUBJECT_CODE_TYPE: CODE_TYPES[record.subjectCodeType],
    SUBJECT_CODE: record.subjectCode,
    RECORD_TITLE: record.title,
    RECORD_CONTENT: record.content,
    PUNISH_TYPE: record.penaltyType ?? '',
    FINE_AMOUNT: record.fineAmount ?? '',
    LEGAL_BASIS: record.legalBasis ?? '',
    DEPT_NAME: record.issuingDepartment,
    DOC_NO: record.sourceDocument,
    DECISION_DATE: record.decidedOn,
    START_DATE: record.startsOn,
    END_DATE: record.endsOn ?? '',
    LIMIT_ROLES: record.restricts ? list(record.restrictedRoles) : '',
    LIMIT_CATEGORIES: record.restricts ? list(record.categories) : '',
    REGION_CODE: record.restricts ? record.regionPrefix : '',
    REVOKES_DOC_NO: context.revokesDocument ?? '',
    RECORD_STATUS: record.status,
    PLATFORM_CODE: context.platformCode,
    DATA_TIMESTAMP: context.timestamp,
  }
}

const blankToUndefined = (value: string | undefined) => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}
const listOf = (value: string | undefined) =>
  blankToUndefined(value)
    ?.split(/[;；]/)
    .map((item) => item.trim())
    .filter(Boolean)

/**
 * A spec row as the body our validators read. An unknown data set or code
 * type passes through as it is, so the validator reports it on its column.
 */
export function requestBodyOf(row: SpecRow) {
  const dataSet = blankToUndefined(row.DATA_SET)
  const codeType = blankToUndefined(row.SUBJECT_CODE_TYPE)
  const endsOn = blankToUndefined(row.END_DATE)
  const fine = blankToUndefined(row.FINE_AMOUNT)
  const roles = listOf(row.LIMIT_ROLES)
  return {
    kind: dataSet ? (kindOfDataSet.get(dataSet) ?? dataSet) : undefined,
    subjectName: blankToUndefined(row.SUBJECT_NAME),
    subjectCodeType: codeType ? (codeTypeOf.get(codeType) ?? codeType) : undefined,
    subjectCode: blankToUndefined(row.SUBJECT_CODE),
    title: blankToUndefined(row.RECORD_TITLE),
    content: blankToUndefined(row.RECORD_CONTENT),
    reason: blankToUndefined(row.RECORD_CONTENT),
    penaltyType: blankToUndefined(row.PUNISH_TYPE),
    fineAmount: fine === undefined ? undefined : Number.isNaN(Number(fine)) ? fine : Number(fine),
    legalBasis: blankToUndefined(row.LEGAL_BASIS),
    issuingDepartment: blankToUndefined(row.DEPT_NAME),
    sourceDocument: blankToUndefined(row.DOC_NO),
    decidedOn: blankToUndefined(row.DECISION_DATE),
    startsOn: blankToUndefined(row.START_DATE),
    endsOn,
    // A violation row with limits imposed a ban
    bans: roles !== undefined || blankToUndefined(row.REGION_CODE) !== undefined,
    restrictedRoles: roles,
    categories: listOf(row.LIMIT_CATEGORIES),
    regionPrefix: blankToUndefined(row.REGION_CODE),
    revokesDocument: blankToUndefined(row.REVOKES_DOC_NO),
  }
}
