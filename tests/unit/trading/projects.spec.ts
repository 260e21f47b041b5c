import { test } from '@japa/runner'
import {
  CITY_TENANT_CODE,
  type RoutingInput,
  routeProject,
} from '#trading/projects/platform_routing'
import {
  PLATFORM_CODE,
  PROJECT_CODE,
  platformCode,
  projectCode,
} from '#trading/projects/project_code'

const DISTRICT = '500153'
const OTHER_DISTRICT = '500154'

function project(overrides: Partial<RoutingInput> = {}): RoutingInput {
  return {
    category: 'construction',
    approvalLevel: 'district',
    fundSource: 'district_finance',
    legallyBound: true,
    regionCode: DISTRICT,
    ...overrides,
  }
}

/** 渝府办发〔2016〕35号 §二(一), one case per branch of the rule */
test.group('project routing', () => {
  const cases: Array<[string, Partial<RoutingInput>, string, string, string]> = [
    [
      'every mining right goes to the city',
      { category: 'mining' },
      DISTRICT,
      CITY_TENANT_CODE,
      'mining',
    ],
    [
      'a private, not legally bound mining right still goes to the city',
      { category: 'mining', fundSource: 'private', legallyBound: false },
      DISTRICT,
      CITY_TENANT_CODE,
      'mining',
    ],
    [
      'city-approved land goes to the city',
      { category: 'land', approvalLevel: 'city' },
      DISTRICT,
      CITY_TENANT_CODE,
      'city_land',
    ],
    [
      'city state property goes to the city',
      { category: 'state_property', approvalLevel: 'city', fundSource: 'state_capital' },
      DISTRICT,
      CITY_TENANT_CODE,
      'city_state_property',
    ],
    [
      'a city-approved project goes to the city',
      { approvalLevel: 'city' },
      DISTRICT,
      CITY_TENANT_CODE,
      'city_approved',
    ],
    [
      'city finance goes to the city',
      { fundSource: 'city_finance' },
      DISTRICT,
      CITY_TENANT_CODE,
      'city_finance',
    ],
    ['a district project goes to its district', {}, CITY_TENANT_CODE, DISTRICT, 'district'],
    [
      'district land and district state property go to the district',
      { category: 'land', fundSource: 'state_capital' },
      DISTRICT,
      DISTRICT,
      'district',
    ],
    [
      'a district project located at the city goes to the city',
      { regionCode: CITY_TENANT_CODE },
      DISTRICT,
      CITY_TENANT_CODE,
      'city_region',
    ],
    [
      'a private project not bound to tender may stay on the city',
      { fundSource: 'private', legallyBound: false },
      CITY_TENANT_CODE,
      CITY_TENANT_CODE,
      'private_choice',
    ],
    [
      'a private project not bound to tender may stay on its district',
      { fundSource: 'private', legallyBound: false, approvalLevel: 'city' },
      DISTRICT,
      DISTRICT,
      'private_choice',
    ],
    [
      'a private project not bound to tender filed on a third platform is sent to its district',
      { fundSource: 'private', legallyBound: false },
      OTHER_DISTRICT,
      DISTRICT,
      'private_choice',
    ],
    [
      'a private project bound to tender follows its approval level',
      { fundSource: 'private', legallyBound: true, approvalLevel: 'city' },
      DISTRICT,
      CITY_TENANT_CODE,
      'city_approved',
    ],
  ]
  for (const [title, overrides, filedAt, tenantCode, reason] of cases) {
    test(title, ({ assert }) => {
      assert.deepEqual(routeProject(project(overrides), filedAt), { tenantCode, reason })
    })
  }
})

test.group('project codes', () => {
  test('a platform code is section, division and serial: 11 characters', ({ assert }) => {
    assert.equal(platformCode('500000'), 'L5000000001')
    assert.equal(platformCode('500153'), 'L5001530001')
    assert.match(platformCode('500153'), PLATFORM_CODE)
    assert.equal(platformCode('500153', { '500153': 'E5001530042' }), 'E5001530042')
    assert.throws(() => platformCode('500153', { '500153': 'E50015300' }), /Invalid platform code/)
  })

  test('a project code is the platform code and a 6-digit serial: 17 characters', ({ assert }) => {
    assert.equal(projectCode('L5001530001', 1), 'L5001530001000001')
    assert.equal(projectCode('L5001530001', 999_999), 'L5001530001999999')
    assert.match(projectCode('L5001530001', 42), PROJECT_CODE)
    assert.lengthOf(projectCode('L5001530001', 42), 17)
    for (const serial of [0, 1_000_000, 1.5, -1]) {
      assert.throws(() => projectCode('L5001530001', serial), RangeError)
    }
  })
})
