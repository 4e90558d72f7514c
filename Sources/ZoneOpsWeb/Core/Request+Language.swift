import Vapor
import ZoneOpsDomain

extension Request {
    static let languageCookie = "zoneops_lang"

    /// The choice made on this device (cookie), else the user's saved setting, else
    /// Accept-AppLanguage; zh-CN by default.
    var language: AppLanguage {
        if let cookie = cookies[Self.languageCookie]?.string, let language = AppLanguage(rawValue: cookie) { return language }
        if let saved = user?.identity.language, let language = AppLanguage(rawValue: saved) { return language }
        return AppLanguage.negotiate(acceptLanguage: headers.first(name: .acceptLanguage))
    }

    /// A catalog text in the request's language.
    func t(_ key: TextKey) -> String { Catalog.shared.text(key, language) }
}
