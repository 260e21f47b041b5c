import router from '@adonisjs/core/services/router'

const HomeController = () => import('#core/controllers/home_controller')
const LocaleController = () => import('#core/controllers/locale_controller')

router.get('/', [HomeController, 'index']).as('home')
router.post('/locale', [LocaleController, 'update']).as('locale.update')
router.get('/api/v1/health', [HomeController, 'health']).as('api.health')
