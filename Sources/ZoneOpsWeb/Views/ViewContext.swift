import Foundation
import Vapor
import ZoneOpsDomain

/// What a view knows about who is looking: their language, the form token and what they may
/// do. Views take this instead of a `Request`, so the same view renders a page, a live
/// fragment over the WebSocket, a notification or a printed document.
struct ViewContext: Sendable {
    var language: AppLanguage
    var csrf: String
    var role: Role?
    /// Whether this server runs the demo's simulated zone (its page is then in the monitoring tabs).
    var simulated = false

    func t(_ key: TextKey) -> String { Catalog.shared.text(key, language) }
    func format(_ key: TextKey, _ arguments: String...) -> String {
        arguments.enumerated().reduce(t(key)) { text, argument in
            text.replacingOccurrences(of: "%\(argument.offset + 1)", with: argument.element)
        }
    }
    func can(_ action: Action) -> Bool { role.map { Policy.allows($0, action) } ?? false }
}

extension Request {
    /// The view context of this request's user.
    var view: ViewContext { ViewContext(language: language, csrf: csrfToken, role: user?.role, simulated: application.simulator != nil) }
}
