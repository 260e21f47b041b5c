import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const TenantHomeController = () => import('#tenancy/controllers/tenant_home_controller')
const TenantPingController = () => import('#tenancy/controllers/tenant_ping_controller')

router
  .group(() => {
    router.get('/', [TenantHomeController, 'show']).as('tenant.home')
  })
  .prefix('/t/:code')
  .use(middleware.tenant())

router
  .get('/api/v1/t/:code/ping', [TenantPingController, 'show'])
  .as('api.tenant.ping')
  .use(middleware.tenant())
