import Foundation
import Plot
import Vapor
import ZoneOpsDomain

/// The friendly page for 403, 404, 500 and the rest.
struct ErrorPage {
    var status: UInt
    var title: String
    var message: String

    static func heading(for status: UInt, _ language: AppLanguage) -> String {
        let key: TextKey = switch status {
        case 401, 403: .errorForbiddenTitle
        case 404: .errorNotFoundTitle
        case 413: .errorTooLargeTitle
        case 429: .errorThrottledTitle
        case 500...: .errorServerTitle
        default: .errorRequestTitle
        }
        return Catalog.shared.text(key, language)
    }

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card error"),
                 .h1(.text("\(status) · \(title)")),
                 .p(.text(message)),
                 .link(SiteURL.home.path, view.t(.backHome), class: "button primary"))
    }
}
