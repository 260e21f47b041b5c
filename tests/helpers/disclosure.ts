import { readFileSync } from 'node:fs'
import ajvDraft04 from 'ajv-draft-04'
import ajvFormats from 'ajv-formats'
import { SYSTEM_ACTOR } from '#audit/audit_log'
import { withTenant } from '#tenancy/tenant_context'
import {
  type AnnouncementDraft,
  publishAnnouncement,
} from '#disclosure/actions/publish_announcement'
import { tenantOf } from '#tests/helpers/plugins'

export async function inDistrict<T>(code: string, fn: () => Promise<T>) {
  const tenant = await tenantOf(code)
  return withTenant({ scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId }, fn)
}

export function publishIn(code: string, draft: Partial<AnnouncementDraft> & { title: string }) {
  return inDistrict(code, () =>
    publishAnnouncement(SYSTEM_ACTOR, { kind: 'trade_notice', category: 'construction', ...draft })
  )
}

/** The OCDS 1.1.5 schemas of data/ocds-1.1.5 (draft-04), compiled once */
const SCHEMAS = [
  'release-schema.json',
  'versioned-release-validation-schema.json',
  'release-package-schema.json',
  'record-package-schema.json',
]
const BASE = 'https://standard.open-contracting.org/schema/1__1__5/'
// CommonJS packages: under NodeNext their class and plugin are the `default` export
const Ajv = ajvDraft04.default
type Validator = InstanceType<typeof Ajv>
let ajv: Validator | undefined

function schemas() {
  if (ajv) return ajv
  ajv = new Ajv({ allErrors: true, strict: false })
  ajvFormats.default(ajv)
  for (const file of SCHEMAS) {
    ajv.addSchema(
      JSON.parse(readFileSync(new URL(`../../data/ocds-1.1.5/${file}`, import.meta.url), 'utf8'))
    )
  }
  return ajv
}

/** Schema errors of an OCDS package, empty when it is valid */
export function ocdsErrors(kind: 'release-package' | 'record-package', data: unknown) {
  const validate = schemas().getSchema(`${BASE}${kind}-schema.json`)!
  return validate(data)
    ? []
    : validate.errors!.map(
        (e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`
      )
}
