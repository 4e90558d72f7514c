import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices
import ZoneOpsStore

/// One kind of spare part: its stock and every movement, newest first.
struct SparePartPage {
    var part: SparePartModel
    var total: Int
    var movements: [SpareParts.Movement]

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card"),
                .h1(.text(part.name)),
                .p(.class("muted"), .text(part.partModel)),
                .p(.text(view.t(.spareTotal) + "：\(total) \(part.unit) · " + view.t(.spareMinimum) + "：\(part.minimum)"),
                   .if(total < part.minimum, .span(.class("badge state-down"), .text(" " + view.t(.spareBelowMinimum))))),
                .link(SiteURL.spares.path, "‹ " + view.t(.sparesTitle))),
            .section(.class("card"),
                .h2(.text(view.t(.spareHistory))),
                SpareHistoryList.node(movements, showPart: false, view)))
    }
}
