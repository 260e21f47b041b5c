import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const TenantHomeController = () => import('#tenancy/controllers/tenant_home_controller')
const TenantPingController = () => import('#tenancy/controllers/tenant_ping_controller')
const TenantsController = () => import('#tenancy/controllers/tenants_controller')

router
  .group(() => {
    router.get('/', [TenantHomeController, 'show']).as('tenant.home')
  })
  .prefix('/t/:code')
  .use(middleware.tenant())

/**
 * Tenant administration exists only under the city tenant: elsewhere the
 * pages are a 404, before any login is asked for.
 */
router
  .group(() => {
    router.get('/', [TenantsController, 'index']).as('index')
    router.get('/new', [TenantsController, 'create']).as('create')
    router.post('/', [TenantsController, 'store']).as('store')
    router.get('/:id/edit', [TenantsController, 'edit']).as('edit')
    // Forms post; Inertia and API-minded clients may PUT
    router.put('/:id', [TenantsController, 'update']).as('update')
    router.post('/:id', [TenantsController, 'update']).as('update_form')
    router.post('/:id/suspend', [TenantsController, 'suspend']).as('suspend')
    router.post('/:id/resume', [TenantsController, 'resume']).as('resume')
  })
  .prefix('/t/:code/admin/tenants')
  .as('tenancy.admin.tenants')
  .where('id', router.matchers.number())
  .use([middleware.tenant(), middleware.cityTenant(), middleware.auth()])

router
  .group(() => {
    router.get('/', [TenantsController, 'index']).as('index')
    router.post('/', [TenantsController, 'store']).as('store')
    router.get('/:tenantCode', [TenantsController, 'show']).as('show')
    router.patch('/:tenantCode', [TenantsController, 'update']).as('update')
    router.post('/:tenantCode/suspend', [TenantsController, 'suspend']).as('suspend')
    router.post('/:tenantCode/resume', [TenantsController, 'resume']).as('resume')
  })
  .prefix('/api/v1/tenants')
  .as('api.tenants')
  .where('tenantCode', /^[0-9]{6}$/)
  .use(middleware.auth())

router
  .get('/api/v1/t/:code/ping', [TenantPingController, 'show'])
  .as('api.tenant.ping')
  .use(middleware.tenant())
