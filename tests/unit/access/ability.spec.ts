import { test } from '@japa/runner'
import { subject } from '@casl/ability'
import { type AbilityInput, type Action, defineAbilityFor } from '#access/ability'
import type { StaffRole } from '#access/roles'

/**
 * The kernel roles × actions (ARCHITECTURE.md §3), each row checked both
 * ways: what the role may do and what it must be refused. The city is
 * tenant 1; the request is in district A (2); B (3) is another district.
 */
const CITY = 1
const A = 2
const B = 3
const ME = 10
const OTHER = 11

type Check = [Action, string, Record<string, unknown>?]

interface Row {
  who: string
  input: Partial<AbilityInput>
  allowed: Check[]
  refused: Check[]
}

function abilityOf(input: Partial<AbilityInput>) {
  return defineAbilityFor({
    accountId: ME,
    tenantId: A,
    rootTenantId: CITY,
    tenantRoles: [],
    cityRoles: [],
    tenantCategories: [],
    cityCategories: [],
    entityIds: [],
    ...input,
  })
}

const staffOf = (tenantIds: number[], cityAdmin = false, id = OTHER) => ({
  id,
  staffTenantIds: tenantIds,
  cityAdmin,
})
const at = (tenantId: number, role?: StaffRole) => (role ? { tenantId, role } : { tenantId })
const tenantRoles = (...roles: StaffRole[]) => ({ tenantRoles: roles })

const NOTHING_ADMIN: Check[] = [
  ['create', 'Tenant'],
  ['suspend', 'Tenant'],
  ['read', 'StaffMembership', at(A)],
  ['create', 'StaffMembership', at(A, 'center_operator')],
  ['disable', 'Account', staffOf([A])],
  ['read', 'AuditEvent', at(A)],
  ['manage', 'CityAdmin'],
]

const ROWS: Row[] = [
  {
    who: 'anonymous',
    input: { accountId: null },
    allowed: [['read', 'Tenant']],
    refused: [['create', 'MarketEntity'], ['read', 'Account', { id: ME }], ...NOTHING_ADMIN],
  },
  {
    who: 'entity member',
    input: { entityIds: [7] },
    allowed: [
      ['read', 'Account', { id: ME }],
      ['update', 'Account', { id: ME }],
      ['create', 'MarketEntity'],
      ['read', 'MarketEntity', { id: 7 }],
      ['update', 'MarketEntity', { id: 7 }],
    ],
    refused: [
      ['read', 'MarketEntity', { id: 8 }],
      ['update', 'MarketEntity', { id: 8 }],
      ['update', 'Account', { id: OTHER }],
      ...NOTHING_ADMIN,
    ],
  },
  {
    who: 'city_admin',
    input: { cityRoles: ['city_admin'] },
    allowed: [
      ['create', 'Tenant'],
      ['update', 'Tenant'],
      ['suspend', 'Tenant'],
      ['read', 'StaffMembership', at(B)],
      ['create', 'StaffMembership', at(CITY, 'city_admin')],
      ['delete', 'StaffMembership', at(B, 'supervisor')],
      ['read', 'AuditEvent', at(B)],
      ['disable', 'Account', staffOf([A, B])],
      ['enable', 'Account', staffOf([CITY], true)],
      ['disable', 'Account', staffOf([])],
    ],
    refused: [
      ['disable', 'Account', staffOf([CITY], true, ME)],
      ['read', 'Trade', { category: 'construction' }],
      ['manage', 'Expert'],
    ],
  },
  {
    who: 'center_admin',
    input: tenantRoles('center_admin'),
    allowed: [
      ['read', 'StaffMembership', at(A)],
      ['create', 'StaffMembership', at(A, 'center_operator')],
      ['create', 'StaffMembership', at(A, 'supervisor')],
      ['delete', 'StaffMembership', at(A, 'expert_drawer')],
      ['disable', 'Account', staffOf([A])],
      ['enable', 'Account', staffOf([A])],
    ],
    refused: [
      ['create', 'StaffMembership', at(A, 'city_admin')],
      ['delete', 'StaffMembership', at(A, 'city_admin')],
      ['read', 'StaffMembership', at(B)],
      ['create', 'StaffMembership', at(B, 'center_operator')],
      ['disable', 'Account', staffOf([A, B])],
      ['disable', 'Account', staffOf([B])],
      ['disable', 'Account', staffOf([])],
      ['disable', 'Account', staffOf([A], true)],
      ['disable', 'Account', staffOf([A], false, ME)],
      ['create', 'Tenant'],
      ['read', 'AuditEvent', at(A)],
      ['manage', 'CityAdmin'],
    ],
  },
  {
    who: 'center_admin of A, in district B',
    input: { tenantId: B, tenantRoles: [] },
    allowed: [],
    refused: [
      ['read', 'StaffMembership', at(B)],
      ['create', 'StaffMembership', at(B, 'center_operator')],
      ['disable', 'Account', staffOf([B])],
    ],
  },
  {
    who: 'center_operator',
    input: tenantRoles('center_operator'),
    allowed: [['read', 'Tenant']],
    refused: [...NOTHING_ADMIN, ['read', 'Trade', { category: 'land' }]],
  },
  {
    who: 'supervisor',
    input: { ...tenantRoles('supervisor'), tenantCategories: ['construction', 'land'] },
    allowed: [
      ['read', 'Trade', { category: 'construction' }],
      ['read', 'Trade', { category: 'land' }],
      ['read', 'ExpertDraw', at(A)],
    ],
    refused: [
      ['read', 'Trade', { category: 'mining' }],
      ['update', 'Trade', { category: 'land' }],
      ['create', 'ExpertDraw', at(A)],
      ['manage', 'Expert'],
      ...NOTHING_ADMIN,
    ],
  },
  {
    who: 'city supervisor, in a district',
    input: { cityRoles: ['supervisor'], cityCategories: ['mining'] },
    allowed: [['read', 'Trade', { category: 'mining' }]],
    refused: [['read', 'Trade', { category: 'land' }], ...NOTHING_ADMIN],
  },
  {
    who: 'auditor',
    input: tenantRoles('auditor'),
    allowed: [
      ['read', 'AuditEvent', at(A)],
      ['read', 'StaffMembership', at(A)],
    ],
    refused: [
      ['read', 'AuditEvent', at(B)],
      ['read', 'StaffMembership', at(B)],
      ['create', 'StaffMembership', at(A, 'center_operator')],
      ['delete', 'StaffMembership', at(A, 'center_operator')],
      ['disable', 'Account', staffOf([A])],
      ['create', 'Tenant'],
    ],
  },
  {
    who: 'city auditor',
    input: { cityRoles: ['auditor'] },
    allowed: [
      ['read', 'AuditEvent', at(B)],
      ['read', 'StaffMembership', at(B)],
    ],
    refused: [
      ['create', 'StaffMembership', at(B, 'center_operator')],
      ['disable', 'Account', staffOf([B])],
      ['create', 'Tenant'],
    ],
  },
  {
    who: 'expert_admin',
    input: tenantRoles('expert_admin'),
    allowed: [
      ['manage', 'Expert'],
      ['update', 'Expert'],
    ],
    refused: [['create', 'ExpertDraw', at(A)], ['read', 'ExpertDraw', at(A)], ...NOTHING_ADMIN],
  },
  {
    who: 'expert_drawer',
    input: tenantRoles('expert_drawer'),
    allowed: [['create', 'ExpertDraw', at(A)]],
    refused: [['create', 'ExpertDraw', at(B)], ['manage', 'Expert'], ...NOTHING_ADMIN],
  },
]

function describe([action, type, attributes]: Check) {
  return `${action} ${type}${attributes ? ' ' + JSON.stringify(attributes) : ''}`
}

function check(input: Partial<AbilityInput>, [action, type, attributes]: Check) {
  const ability = abilityOf(input)
  return attributes
    ? ability.can(action, subject(type, { ...attributes }))
    : ability.can(action, type)
}

test.group('ability: role × action', () => {
  for (const row of ROWS) {
    test(row.who, ({ assert }) => {
      for (const allowed of row.allowed) {
        assert.isTrue(check(row.input, allowed), `${row.who} may ${describe(allowed)}`)
      }
      for (const refused of row.refused) {
        assert.isFalse(check(row.input, refused), `${row.who} must not ${describe(refused)}`)
      }
    })
  }
})
