import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsStore

/// A4 sheets of QR labels: code, name, asset tag and type, 3 × 8 to a page.
struct LabelSheetPage {
    var cis: [CIModel]
    var typeNames: [String: String]
    /// Set when ZONEOPS_PUBLIC_URL is not: the address the codes carry instead, to warn about.
    var fallbackAddress: String? = nil

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .group(
            .section(.class("card no-print"),
                     .h1(.text(view.t(.labelsTitle))),
                     .p(.class("muted"), .text(view.t(.labelsHint))),
                     .unwrap(fallbackAddress) { .p(.class("error no-print"), .attr("role", "alert"),
                                                   .text(Catalog.shared.format(.labelsNoPublicURL, view.language, $0))) },
                     cis.isEmpty ? .p(.text(view.t(.labelsNone))) : .element(named: "button", nodes: [
                         .attr("type", "button"), .attr("class", "button primary"), .attr("data-print", ""),
                         .text(view.t(.printLabels)),
                     ])),
            .div(.class("label-sheet"), .group(cis.map { ci in
                let id = ci.id?.uuidString ?? ""
                return .div(.class("label"),
                            .img(.src(SiteURL.ciQR(id).path), .alt(view.t(.qrLabel))),
                            .div(.class("label-text"),
                                 .element(named: "strong", text: ci.name),
                                 .span(.text(ci.assetTag ?? "")),
                                 .span(.class("muted"), .text(typeNames[ci.typeKey] ?? ci.typeKey))))
            })))
    }
}
