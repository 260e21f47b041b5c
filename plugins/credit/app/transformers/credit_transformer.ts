import { publicEntityCode } from '#identity/codes/id_card'
import type { CreditRecordRow, CreditRuleRow } from '../support/credit_rows.js'

/**
 * What reaches pages and API clients. Staff see the record as kept; the
 * public sees what 条例 Art. 78 publishes: the party, the violation, the
 * basis, the decision, its date and authority, and a ban's period.
 */
export const creditTransformer = {
  forStaff(record: CreditRecordRow) {
    return {
      id: record.id,
      kind: record.kind,
      subjectName: record.subjectName,
      subjectCodeType: record.subjectCodeType,
      subjectCode: record.subjectCode,
      title: record.title,
      content: record.content,
      penaltyType: record.penaltyType,
      fineAmount: record.fineAmount,
      legalBasis: record.legalBasis,
      issuingDepartment: record.issuingDepartment,
      sourceDocument: record.sourceDocument,
      decidedOn: record.decidedOn,
      startsOn: record.startsOn,
      endsOn: record.endsOn,
      restricts: record.restricts,
      restrictedRoles: record.restrictedRoles,
      categories: record.categories,
      regionPrefix: record.regionPrefix,
      isPublic: record.isPublic,
      status: record.status,
      revokesRecordId: record.revokesRecordId,
    }
  },

  forPublic(record: CreditRecordRow) {
    return {
      id: record.id,
      kind: record.kind,
      subjectName: record.subjectName,
      subjectCode: publicEntityCode(record.subjectCodeType, record.subjectCode),
      title: record.title,
      content: record.content,
      penaltyType: record.penaltyType,
      fineAmount: record.fineAmount,
      legalBasis: record.legalBasis,
      issuingDepartment: record.issuingDepartment,
      sourceDocument: record.sourceDocument,
      decidedOn: record.decidedOn,
      startsOn: record.startsOn,
      endsOn: record.endsOn,
      restricts: record.restricts,
    }
  },

  rule(rule: CreditRuleRow) {
    return {
      id: rule.id,
      name: rule.name,
      conditionKinds: rule.conditionKinds,
      conditionMinCount: rule.conditionMinCount,
      conditionWithinMonths: rule.conditionWithinMonths,
      restrictedRoles: rule.restrictedRoles,
      categories: rule.categories,
      regionPrefix: rule.regionPrefix,
      startsOn: rule.startsOn,
      endsOn: rule.endsOn,
      sourceDocument: rule.sourceDocument,
      status: rule.status,
      ownerTenantId: rule.ownerTenantId,
    }
  },
}
