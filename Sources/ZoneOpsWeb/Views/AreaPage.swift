import Foundation
import Plot
import ZoneOpsDomain

/// An area of the navigation that later work will fill; it says what it will offer.
struct AreaPage {
    var area: Area

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let title = Catalog.shared.format(.comingSoonTitle, view.language, view.t(area.label))
        return .section(.class("card"),
                        .h1(.text(title)),
                        .p(.text(view.t(.comingSoonBody))),
                        .p(.strong(.text(view.t(area.summary)))),
                        .link(SiteURL.home.path, view.t(.backHome), class: "button"))
    }
}
