import Vapor
import ZoneOpsDomain
import ZoneOpsServices

/// Instance-wide settings for admins: today the service desk's contact.
struct SettingsController: RouteCollection {
    struct Form: Content {
        var hotline: String?
        var hours: String?
        var email: String?
        var note: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.settings.components, use: show)
        routes.post(SiteURL.settings.components, use: save)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        let contact = try await ServiceDeskContact.load(on: req.db)
        return Page.render(SettingsPage(contact: contact).body(req.view), title: req.t(.settingsTitle), request: req)
    }

    @Sendable func save(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        let form = try req.content.decode(Form.self)
        let contact = ServiceDeskContact(hotline: form.hotline ?? "", hours: form.hours ?? "", email: form.email ?? "",
                                         note: form.note ?? "")
        do {
            try await ServiceDeskContact.save(contact, by: req.actor, in: req.services)
        } catch let error as AppError {
            let page = SettingsPage(contact: contact, problems: FormProblems(error, language: req.language))
            let response = Page.render(page.body(req.view), title: req.t(.settingsTitle), request: req)
            response.status = HTTPResponseStatus(statusCode: error.status)
            return response
        }
        req.flash(.settingsSaved)
        return req.redirect(to: SiteURL.settings.path)
    }
}
