import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// Warranties, licences, certificates and signatures ending within 30/60/90 days; overdue first.
struct ExpiringPage {
    var days: Int
    var items: [Expiry.Item]
    var typeNames: [String: String]
    var attributeNames: [String: String]

    static let choices = [30, 60, 90]

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let language = view.language
        return .section(.class("card"),
            .h1(.text(view.t(.expiringTitle))),
            .div(.class("actions"), .group(Self.choices.map { choice in
                .link(SiteURL.expiring(days: choice).path, Catalog.shared.format(.expiringWithin, language, String(choice)),
                      class: choice == days ? "button primary" : "button")
            })),
            items.isEmpty ? .p(.text(view.t(.expiringNone))) : .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(view.t(.fieldName))), .th(.text(view.t(.expiringWhat))),
                           .th(.text(view.t(.auditTime))), .th(.text(view.t(.status))))),
                .tbody(.group(items.map { item in
                    let what = item.field.map { view.t($0.label) } ?? attributeNames[item.attribute ?? ""] ?? item.attribute ?? ""
                    let left = item.isOverdue
                        ? Catalog.shared.format(.expiringOverdueBy, language, String(-item.daysLeft))
                        : Catalog.shared.format(.expiringDaysLeft, language, String(item.daysLeft))
                    return .tr(.class(item.isOverdue ? "overdue" : ""),
                               .td(.link(SiteURL.ci(item.ciId.uuidString).path, item.name),
                                   .span(.class("muted"), .text(" " + (typeNames[item.typeKey] ?? item.typeKey)))),
                               .td(.text(what)), .td(.text(item.date.description)),
                               .td(.span(.class(item.isOverdue ? "badge state-down" : item.daysLeft <= 30 ? "badge state-degraded" : "badge"),
                                         .text(left))))
                })))))
    }
}
