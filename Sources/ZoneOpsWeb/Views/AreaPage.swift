import Plot
import Vapor
import ZoneOpsDomain

/// An area of the navigation that later work will fill; it says what it will offer.
struct AreaPage {
    var area: Area

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        let title = Catalog.shared.format(.comingSoonTitle, request.language, request.t(area.label))
        return .section(.class("card"),
                        .h1(.text(title)),
                        .p(.text(request.t(.comingSoonBody))),
                        .p(.strong(.text(request.t(area.summary)))),
                        .link(SiteURL.home.path, request.t(.backHome), class: "button"))
    }
}
