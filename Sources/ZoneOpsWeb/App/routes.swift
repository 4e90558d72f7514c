import Vapor

func routes(_ app: Application, assets: StaticAssets) throws {
    try app.register(collection: SystemController(assets: assets))
    try app.register(collection: AuthController())
    try app.register(collection: TokenController())
    try app.register(collection: MeController())
    try app.register(collection: UserAPIController())
    try app.register(collection: UserPageController())
    try app.register(collection: ProfileController())
    try app.register(collection: AuditController())
    try app.register(collection: JobsController())
    try app.register(collection: SettingsController())
    try app.register(collection: DashboardController())
    try app.register(collection: CMDBAPIController())
    try app.register(collection: CMDBPageController())
    try app.register(collection: CMDBSetupController())
    try app.register(collection: ExpiryController())
    try app.register(collection: LedgerController())
    try app.register(collection: LabelController())
    try app.register(collection: SparePartsController())
    try app.register(collection: SpareHistoryController())
}
