import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SignupController = () => import('#identity/controllers/signup_controller')
const SessionController = () => import('#identity/controllers/session_controller')
const CodeValidationController = () => import('#identity/controllers/code_validation_controller')
const EntitiesController = () => import('#identity/controllers/entities_controller')
const EntityMembersController = () => import('#identity/controllers/entity_members_controller')
const AccountController = () => import('#identity/controllers/account_controller')

/*
 * Identity is global: one account and one registry of market entities for
 * the whole city, so none of these routes sits under /t/:code. Pages and the
 * JSON API share controllers, hence the same checks.
 */
router
  .group(() => {
    router.get('/signup', [SignupController, 'show']).as('signup')
    router.post('/signup', [SignupController, 'store']).as('signup.store')
    router.get('/login', [SessionController, 'show']).as('login')
    router.post('/login', [SessionController, 'store']).as('login.store')
  })
  .use(middleware.guest())

router.post('/logout', [SessionController, 'destroy']).as('logout').use(middleware.auth())

router
  .group(() => {
    router.get('/account', [AccountController, 'show']).as('account')
    router.post('/account/current-entity', [AccountController, 'switchEntity'])
    router.get('/entities/new', [EntitiesController, 'create']).as('entities.create')
    router.post('/entities', [EntitiesController, 'store']).as('entities.store')
    router
      .post('/entities/:id/members', [EntityMembersController, 'store'])
      .where('id', router.matchers.number())
  })
  .use(middleware.auth())

router
  .group(() => {
    router.post('/auth/signup', [SignupController, 'store'])
    router.post('/auth/login', [SessionController, 'store'])
    router.post('/auth/logout', [SessionController, 'destroy']).use(middleware.auth())
    router.get('/validate/uscc', [CodeValidationController, 'uscc'])
    router.get('/validate/id-card', [CodeValidationController, 'idCard'])
    router
      .group(() => {
        router.get('/me', [AccountController, 'show'])
        router.post('/me/current-entity', [AccountController, 'switchEntity'])
        router.post('/entities', [EntitiesController, 'store'])
        router
          .post('/entities/:id/members', [EntityMembersController, 'store'])
          .where('id', router.matchers.number())
      })
      .use(middleware.auth())
  })
  .prefix('/api/v1')
  .as('api.identity')
